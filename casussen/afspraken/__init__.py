"""Appointments (afspraken): the keukentafelgesprek and the home visit a regiehouder plans
with the resident, the invitation and reminder, the resident's answer and the outcome."""
