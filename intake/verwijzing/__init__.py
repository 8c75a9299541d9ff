"""The referrer's portal (verwijzers): a referrer organisation sends a referral through its own
form and follows only the status of what it sent. Also the referrer details form that staff
use for a referral received by phone or post (`forms.VerwijzingForm`)."""
