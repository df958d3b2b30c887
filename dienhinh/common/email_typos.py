"""Likely typos in e-mail addresses: `noivuduongkinh@gmali.com` is almost surely gmail.com.

A check, not a validation: a suspect address can be real (an unusual company domain), so
the forms ask the user to confirm it, and `common.emails.normalise_emails` stays the
authority on what is an address at all. The rules are data (the tables below) and one
small edit distance; a mark must be a likely mistake, so they lean towards saying nothing:

- syntax slips with an obvious fix: `@@`, a comma for a dot, a missing dot before the
  ending (`gmailcom`, `haiphong.govvn`), stray dots or spaces, Vietnamese accents typed by
  an input method left on (`yahô.com`);
- an ending that exists nowhere (`.con`, `.cpm`, `.comm`, `.vm`, `.vnn`, `.gob.vn`,
  `haiphong.gov.com`);
- a near miss of one of the providers Vietnamese offices and people use (`gmial.com`,
  `yaho.com`, `hotmail.co`, `yahoo.com.nv`), when exactly one provider is that close.

Correctly spelled government, school and company domains (`haiphong.gov.vn`) and real
domains that merely look like a provider (`mail.com`, `ymail.com`, `yahoo.co.jp`) are clean.
"""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .text import fold

# --- Data -------------------------------------------------------------------------------

PROVIDERS = (
    "gmail.com",
    "yahoo.com",
    "yahoo.com.vn",
    "outlook.com",
    "hotmail.com",
    "icloud.com",
    "live.com",
    "vnpt.vn",
    "fpt.vn",
    "viettel.com.vn",
    "vnn.vn",
)

# Real domains within reach of a provider: never suggested away.
DISTINCT = frozenset(
    {
        "mail.com",
        "email.com",
        "ymail.com",
        "gmx.com",
        "googlemail.com",
        "cloud.com",
        "wahoo.com",
        "yahoo.co.jp",
        "yahoo.co.uk",
        "hotmail.co.uk",
        "hotmail.co.jp",
        "live.co.uk",
        "vietnet.com.vn",
        "vietjet.com.vn",
    }
)

# Second-level endings of .vn (and a few abroad): "haiphong.gov.vn" is the name "haiphong"
# under the ending "gov.vn", so a typo is looked for in the right part.
SECOND_LEVEL = frozenset({"com", "net", "org", "edu", "gov", "int", "ac", "co", "biz", "info"})

# Last labels that are no top-level domain at all, with the one meant.
TLD_FIXES = {
    "con": "com",
    "cpm": "com",
    "comm": "com",
    "coom": "com",
    "ccom": "com",
    "cmo": "com",
    "ocm": "com",
    "cim": "com",
    "vom": "com",
    "xom": "com",
    "clm": "com",
    "comn": "com",
    "vm": "vn",
    "vnn": "vn",
    "nv": "vn",
    "vb": "vn",
    "vnm": "vn",
    "nte": "net",
    "ogr": "org",
}

# Second-level labels under .vn that are no Vietnamese ending (checked with 3+ labels).
VN_SECOND_LEVEL_FIXES = {
    "gob": "gov",
    "giv": "gov",
    "gv": "gov",
    "go": "gov",
    "goc": "gov",
    "gpv": "gov",
    "govn": "gov",
    "ogv": "gov",
    "con": "com",
    "cpm": "com",
    "comm": "com",
    "eud": "edu",
    "ed": "edu",
    "ogr": "org",
}

# Endings typed without their dot: "haiphong.govvn", "abc@sonoivugovvn".
SQUASHED_ENDINGS = {
    "govvn": "gov.vn",
    "comvn": "com.vn",
    "eduvn": "edu.vn",
    "orgvn": "org.vn",
    "netvn": "net.vn",
}

# --- Result -----------------------------------------------------------------------------

DOMAIN_TYPO = "domain_typo"
TLD_TYPO = "tld_typo"
SYNTAX = "syntax"


@dataclass(frozen=True)
class EmailCheck:
    address: str  # as given, trimmed and lower-cased
    suspect: bool
    suggestion: str | None  # the corrected domain ("gmail.com"), None without a single guess
    corrected: str | None  # the whole corrected address
    reason: str  # "", "domain_typo", "tld_typo" or "syntax"


def check_email(address: str) -> EmailCheck:
    """Whether an address looks mistyped, and the likely intended one. Never raises."""
    text = str(address if address is not None else "").strip().lower()
    if not text:
        return EmailCheck(text, False, None, None, "")
    fixed, syntax_slip = _fix_syntax(text)
    if fixed is None:
        return EmailCheck(text, syntax_slip, None, None, SYNTAX if syntax_slip else "")
    local, domain = fixed.split("@")
    better, reason = _fix_domain(domain)
    if syntax_slip:
        reason = SYNTAX
    if reason:
        return EmailCheck(text, True, better, f"{local}@{better}", reason)
    return EmailCheck(text, False, None, None, "")


def suspect_addresses(addresses: str | Iterable[str]) -> list[EmailCheck]:
    """The suspect ones among several addresses (a list, or text separated by commas,
    semicolons or new lines as the contact fields take them), each once, in order."""
    if isinstance(addresses, str):
        addresses = split_addresses(addresses)
    found: dict[str, EmailCheck] = {}
    for address in addresses or []:
        check = check_email(address)
        if check.suspect and check.address and check.address not in found:
            found[check.address] = check
    return list(found.values())


def split_addresses(text: str) -> list[str]:
    """Split a contact field as `normalise_emails` does, but keep `ten@gmail,com` (a comma
    typed for a dot) as one address so it can be reported as such."""
    pieces = [p.strip() for p in re.split(r"[,;\n]", text or "")]
    joined: list[str] = []
    for piece in pieces:
        if joined and _continues(joined[-1], piece):
            joined[-1] += "," + piece
        elif piece:
            joined.append(piece)
    return joined


def _continues(previous: str, piece: str) -> bool:
    if "@" not in previous or "@" in piece or piece.lower() not in _ENDINGS:
        return False
    domain = previous.rsplit("@", 1)[1].lower()
    return "." not in domain or (piece.lower() == "vn" and domain.rsplit(".", 1)[-1] in _SLDS)


_ENDINGS = {"com", "vn", "net", "org", "com.vn", "gov.vn", "edu.vn", "org.vn", "net.vn"}
_SLDS = {"com", "gov", "edu", "org", "net"}

# --- Rules ------------------------------------------------------------------------------


def _fix_syntax(text: str) -> tuple[str | None, bool]:
    """(`local@domain` with obvious slips repaired, whether there were any); None for the
    address when there is no single repair."""
    fixed = re.sub(r"@{2,}", "@", re.sub(r"\s+", "", text))
    if fixed.count("@") == 0:
        return _missing_at(_unaccent(fixed)), True
    if fixed.count("@") > 1:
        return None, True
    local, domain = fixed.split("@")
    local = _unaccent(local).strip(".")
    domain = re.sub(r"\.{2,}", ".", domain.replace(",", ".")).strip(".")
    if not domain.isascii():
        # "yahô.com": an input method left in Vietnamese mode. Other accented domains may be
        # real internationalised names, so they are left as they are.
        plain = _unaccent(domain)
        if plain in PROVIDERS or _near_provider(_fix_ending(plain)):
            domain = plain
    if "." not in domain:
        domain = _unsquash(domain)
    else:
        name, _dot, last = domain.rpartition(".")
        if last in SQUASHED_ENDINGS:
            domain = f"{name}.{SQUASHED_ENDINGS[last]}"
    if not local or not domain or not _plausible(local, domain):
        return None, True
    repaired = f"{local}@{domain}"
    return repaired, repaired != text


def _plausible(local: str, domain: str) -> bool:
    return bool(
        re.fullmatch(r"[a-z0-9!#$%&'*+/=?^_`{|}~.-]+", local)
        and re.fullmatch(r"[\w-]+(\.[\w-]+)+", domain)
    )


def _unaccent(text: str) -> str:
    """Vietnamese letters typed by an input method left on ("nguyễn" → "nguyen")."""
    return text if text.isascii() else fold(text).replace(" ", "")


def _missing_at(text: str) -> str | None:
    """`noivu.gmail.com` or `noivugmail.com`: a provider domain glued to the name."""
    for provider in sorted(PROVIDERS, key=len, reverse=True):
        if text.endswith(provider):
            local = text[: -len(provider)].strip(".")
            if local and _plausible(local, provider):
                return f"{local}@{provider}"
    return None


def _unsquash(domain: str) -> str | None:
    """`gmailcom` → gmail.com, `haiphonggovvn` → haiphong.gov.vn; None if not obvious."""
    for provider in PROVIDERS:
        if domain == provider.replace(".", ""):
            return provider
    for squashed, ending in SQUASHED_ENDINGS.items():
        name = domain.removesuffix(squashed)
        if name != domain and name:
            return f"{name}.{ending}"
    return None


def _fix_domain(domain: str) -> tuple[str | None, str]:
    """(the domain meant, reason) — (None, "") when the domain looks as intended."""
    if domain in PROVIDERS or domain in DISTINCT:
        return domain, ""
    fixed = _fix_ending(domain)
    provider = _near_provider(fixed)
    if provider:
        same_name = _split(provider)[1] == _split(domain)[1]
        return provider, TLD_TYPO if same_name else DOMAIN_TYPO
    if fixed != domain:
        return fixed, TLD_TYPO
    return domain, ""


def _fix_ending(domain: str) -> str:
    labels = domain.split(".")
    labels[-1] = TLD_FIXES.get(labels[-1], labels[-1])
    if len(labels) >= 3:
        if labels[-2:] == ["gov", "com"]:
            labels[-1] = "vn"
        if labels[-1] == "vn":
            labels[-2] = VN_SECOND_LEVEL_FIXES.get(labels[-2], labels[-2])
    return ".".join(labels)


def _split(domain: str) -> tuple[str, str, str]:
    """(subdomains, name, ending): "mail.haiphong.gov.vn" → ("mail", "haiphong", "gov.vn")."""
    labels = domain.split(".")
    size = 2 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL else 1
    ending = ".".join(labels[-size:])
    rest = labels[:-size]
    return ".".join(rest[:-1]), (rest[-1] if rest else ""), ending


def _near_provider(domain: str) -> str | None:
    """The one provider this domain is a near miss of, if exactly one is nearest."""
    if domain in PROVIDERS or domain in DISTINCT:
        return domain if domain in PROVIDERS else None
    prefix, name, ending = _split(domain)
    if prefix or not name:
        return None
    scored = []
    for provider in PROVIDERS:
        _p, p_name, p_ending = _split(provider)
        near = (ending == p_ending and _name_slip(name, p_name)) or (
            name == p_name and _ending_slip(ending, p_ending)
        )
        if near:
            scored.append((osa_distance(domain, provider), provider))
    scored.sort()
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return scored[0][1]


def _name_slip(typed: str, real: str) -> bool:
    """Whether `typed` is a likely mistyping of the provider name `real`.

    Short names (live, vnpt, fpt, vnn) sit one letter away from many real names, so only a
    swap of two neighbours or a doubled/undoubled letter counts. Longer names allow one edit,
    and names of seven letters or more two, as long as the letters are the same but one
    (a swap and a missing letter, not a different word).
    """
    if typed == real:
        return False
    if len(real) <= 4:
        return _swapped_or_doubled(typed, real)
    distance = osa_distance(typed, real)
    if distance == 1:
        return True
    if distance == 2 and len(real) >= 7:
        difference = (Counter(typed) - Counter(real)) + (Counter(real) - Counter(typed))
        return sum(difference.values()) <= 1
    return False


def _ending_slip(typed: str, real: str) -> bool:
    """`co`, `cm`, `comm` for `com`; `com.v`, `co.vn` for `com.vn` (not a whole other
    ending such as `com` for `com.vn`, or `ca` for `com`)."""
    if typed == real:
        return False
    cut_short = real.startswith(typed) and not real.startswith(typed + ".")
    return cut_short or osa_distance(typed, real) == 1


def _swapped_or_doubled(typed: str, real: str) -> bool:
    if len(typed) == len(real):
        diff = [i for i, (a, b) in enumerate(zip(typed, real, strict=True)) if a != b]
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and typed[diff[0]] == real[diff[1]]
            and typed[diff[1]] == real[diff[0]]
        )
    longer, shorter = (typed, real) if len(typed) > len(real) else (real, typed)
    if len(longer) != len(shorter) + 1:
        return False
    # One letter too many or too few, and it is a doubled one: "vnnpt", "fptt", "vn" for vnn.
    for i in range(len(longer)):
        doubled = longer[i] in longer[max(i - 1, 0) : i] + longer[i + 1 : i + 2]
        if doubled and longer[:i] + longer[i + 1 :] == shorter:
            return True
    return False


def osa_distance(a: str, b: str) -> int:
    """Damerau–Levenshtein distance, optimal string alignment variant: insertions,
    deletions, substitutions and swaps of two neighbouring characters each cost one."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


# --- Forms ------------------------------------------------------------------------------


class ConfirmCheckbox(forms.CheckboxInput):
    """A tick box whose value names the suspect addresses it vouches for, so a tick given
    for one address never lets a different mistyped address through."""

    confirms = ""  # set by the form once it knows the suspect addresses

    def value_from_datadict(self, data, files, name):
        return data.get(name, "")

    def get_context(self, name, value, attrs):
        if self.confirms and value == self.confirms:
            attrs = {**(attrs or {}), "checked": True}
        return forms.widgets.Input.get_context(self, name, self.confirms, attrs)


class ConfirmEmailsMixin(forms.Form):
    """Refuse addresses that look mistyped until the user ticks that they are right.

    The form names each suspect address and the likely intended one on its field; the tick
    box appears only while there is something to confirm. Nothing is saved meanwhile.
    Addresses already on record (`known_emails`, confirmed or imported earlier) are not
    asked about again.
    """

    def __init__(self, *args, known_emails: Iterable[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.known_emails = {str(a).strip().lower() for a in known_emails}

    confirm_emails = forms.CharField(
        label=gettext_lazy("I have checked: these addresses are correct"),
        required=False,
        widget=ConfirmCheckbox,
        help_text=gettext_lazy(
            "Tick this only if you are sure the address is right as written; otherwise "
            "correct it above."
        ),
    )
    typo_checked_fields: tuple[str, ...] = ("emails",)
    email_suspects: list[tuple[str, EmailCheck]] = []

    def addresses_to_check(self, data) -> dict[str, str]:
        """{field name: its text}: the addresses this submission would use."""
        return {name: data.get(name) or "" for name in self.typo_checked_fields}

    def clean(self):
        data = super().clean()
        self.email_suspects = [
            (name, check)
            for name, text in self.addresses_to_check(data).items()
            for check in suspect_addresses(text)
            # Without a repair to offer, the address is plainly invalid: the service says so.
            if check.corrected and check.address not in self.known_emails
        ]
        confirms = ", ".join(check.address for _name, check in self.email_suspects)
        self.fields["confirm_emails"].widget.confirms = confirms
        if self.email_suspects and data.get("confirm_emails") != confirms:
            for name, check in self.email_suspects:
                message = _("The address %(address)s may be mistyped: did you mean %(corrected)s?")
                self.add_error(
                    name,
                    forms.ValidationError(
                        message % {"address": check.address, "corrected": check.corrected},
                        code="suspect_email",
                    ),
                )
        return data

    def visible_fields(self):
        return [
            field
            for field in super().visible_fields()
            if field.name != "confirm_emails" or self.email_suspects
        ]
