"""The employer's door, the only one the app opens to guests: an offer's answer link, the answer page
(springoffer/www/offer-answer) and the rules behind the guest methods in springoffer.api. May import
core, security, annex, controllers and desk."""
