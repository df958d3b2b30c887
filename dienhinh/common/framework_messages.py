"""Messages of the framework that its Vietnamese catalogue lacks or words differently.

Never called: listing them here puts them in the project's catalogue, which takes
precedence over the framework's own, so a form error never appears in English inside the
Vietnamese interface. Add a message here when a page shows one untranslated.
"""

from django.utils.translation import gettext, ngettext


def _catalogue() -> None:  # pragma: no cover - read by makemessages, not run
    ngettext(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,
    )
    ngettext(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        1,
    )
    gettext("The password is too similar to the %(verbose_name)s.")
    gettext("This password is too common.")
    gettext("This password is entirely numeric.")
    gettext("Your password can’t be too similar to your other personal information.")
    gettext("Your password can’t be a commonly used password.")
    gettext("Your password can’t be entirely numeric.")
    gettext("The two password fields didn’t match.")
    gettext("Your old password was entered incorrectly. Please enter it again.")
    gettext("Null characters are not allowed.")
    gettext(
        "Enter a valid username. This value may contain only unaccented lowercase a-z and "
        "uppercase A-Z letters, numbers, and @/./+/-/_ characters."
    )
    gettext(
        "Enter a valid username. This value may contain only letters, numbers, and "
        "@/./+/-/_ characters."
    )
    gettext("Enter a valid date.")
    gettext("Enter a whole number.")
    gettext("Enter a number.")
    gettext("This field is required.")
    gettext("Select a valid choice. %(value)s is not one of the available choices.")
    gettext("Ensure this value is less than or equal to %(limit_value)s.")
    gettext("Ensure this value is greater than or equal to %(limit_value)s.")
    gettext("Enter a valid email address.")
    gettext("The submitted data was not a file. Check the encoding type on the form.")
    gettext("No file was submitted.")
    gettext("The submitted file is empty.")
    gettext("Enter a list of values.")
    gettext("“%(pk)s” is not a valid value.")
    ngettext(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        1,
    )
