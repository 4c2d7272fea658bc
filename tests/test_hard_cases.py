"""Hard cases: replies an experienced support QA reviewer judges one way and a keyword list easily gets wrong.

Every text here was written for these tests. Each case names a category and says whether the reply must be flagged
in it (a finding of severity warning or error; info findings are hints and do not count) or must not be.
Cases marked `parser=True` rely on the dependency parse and are only asserted on the trained pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from replylint.api import Linter
from replylint.pipeline import installed_model

COUNTED = ("warning", "error")


@dataclass(frozen=True)
class Case:
    reply: str
    customer: str | None = None
    parser: bool = False  # needs the trained pipeline's parser to be caught

    def __str__(self) -> str:
        return self.reply[:50]


@pytest.fixture(scope="module", params=["auto", "blank"])
def linter(request) -> Linter:
    if request.param == "auto" and installed_model() is None:
        pytest.skip("no trained spaCy pipeline is installed")
    return Linter(model=request.param)


def flagged(linter: Linter, case: Case, category: str) -> list[str]:
    result = linter.lint(case.reply, customer=case.customer)
    return [f"{f.rule} ({f.severity}): {f.text!r}" for f in result.findings
            if f.category == category and f.severity in COUNTED]


def check(linter: Linter, case: Case, category: str, expected: bool) -> None:
    if case.parser and not linter.pipeline.has_parser:
        pytest.skip("needs the parser")
    found = flagged(linter, case, category)
    if expected:
        assert found, f"expected a {category} warning for: {case.reply!r}"
    else:
        assert not found, f"unexpected {category} finding(s) for {case.reply!r}: {found}"


COMPLAINT_FEE = "You charged me a $75 change fee to move my flight by one day. That's outrageous."
COMPLAINT_BAG = "Your gate agent made me check my carry-on even though it fit the sizer. So rude."
COMPLAINT_PARCEL = "My parcel STILL hasn't arrived and it's been two weeks. Where is it?"
COMPLAINT_APP = "Your app logs me out every single time I open it. Useless."

# ------------------------------------------------------------------------------------------------- defensive

DEFENSIVE_FLAG = [
    # blame
    Case("The postcode you entered was incomplete, which is why the parcel came back to our depot.", COMPLAINT_PARCEL),
    Case("This happened because you never activated the account after signing up.", COMPLAINT_APP),
    Case("The courier tried twice, but you weren't at home and you didn't pick it up from the depot.",
         COMPLAINT_PARCEL),
    Case("You, as the lead passenger, unfortunately neglected to add the bag to the booking.", COMPLAINT_BAG,
         parser=True),
    Case("You must have typed the booking reference incorrectly, as it doesn't match anything here."),
    # contradiction
    Case("I can assure you that our gate staff would never speak to a passenger that way.", COMPLAINT_BAG),
    Case("There is no problem with our app; it works fine for everyone else.", COMPLAINT_APP),
    Case("Our records clearly show the parcel was signed for on Monday at 10:14.", COMPLAINT_PARCEL),
    Case("I'm not sure where you got that idea - the fee was shown at checkout.", COMPLAINT_FEE),
    Case("Honestly, nobody else has this problem with the app.", COMPLAINT_APP),
    Case("Our billing system does not make mistakes like that, so please check with your bank.", COMPLAINT_FEE),
    Case("Refunds take up to 14 days, as explained on our website.", COMPLAINT_PARCEL),
    Case("Updates never delete data. You must have removed the files yourself.", COMPLAINT_APP),
    Case("Our warehouse team inspects every parcel, so it was intact when it left us.", COMPLAINT_PARCEL,
         parser=True),
    Case("The sign-in failed because you turned on the VPN, as the error says.", COMPLAINT_APP, parser=True),
    # justification (quiet, polite, and still defending the company)
    Case("Change fees apply to all Saver fares and are shown before you pay.", COMPLAINT_FEE),
    Case("Hi Dana, we may need to ask passengers to check larger bags when the overhead bins are expected to fill up.",
         COMPLAINT_BAG),
    Case("Our system only lets us hold a parcel at the depot for seven days before it is returned.", COMPLAINT_PARCEL),
    Case("Since you chose a Basic fare, changes to the date are charged as per the fare conditions.", COMPLAINT_FEE),
    Case("The safety of every passenger is always our top priority.", COMPLAINT_BAG),
    Case("Seat assignments can't be guaranteed for operational reasons.", COMPLAINT_FEE),
    Case("We don't operate the shuttle buses, so we can't speak to their timings.", COMPLAINT_BAG),
    Case("Any damage must be reported at the desk within four hours of collecting your bag.", COMPLAINT_PARCEL),
    Case("We always try to depart on time.", COMPLAINT_BAG),
    Case("Claims are worked in order of date received.", COMPLAINT_PARCEL),
    # the same, in words no phrase list holds: what the company always does, read from the parse
    Case("Honestly, we genuinely do everything in our power to keep fees low for our customers.", COMPLAINT_FEE,
         parser=True),
    Case("Our gate team routinely asks passengers to check wheeled bags on busy flights.", COMPLAINT_BAG,
         parser=True),
    Case("We have a range of delivery options, and the cheapest ones take longer.", COMPLAINT_PARCEL, parser=True),
    Case("Our prices do change from hour to hour on the website, as they follow demand.", COMPLAINT_FEE, parser=True),
    Case("The courier is responsible for the parcel once it leaves our warehouse.", COMPLAINT_PARCEL, parser=True),
    Case("Saver fares are restricted to the booked train, and refunds are limited to the booking fee.", COMPLAINT_FEE,
         parser=True),
    # condescension
    Case("As explained in the email you received, the voucher expired in March."),
    Case("Again, the refund will take up to ten working days to appear."),
    Case("It's really quite straightforward: open Settings, tap Account, then Sign in.", COMPLAINT_APP),
    Case("Next time, please make sure you read the fare rules before you pay.", COMPLAINT_FEE),
    # dismissal
    Case("Unfortunately there's not much more we can do about it at this stage.", COMPLAINT_PARCEL),
    Case("You'll just have to wait like everyone else, I'm afraid.", COMPLAINT_PARCEL),
    Case("We won't be able to do anything further on this, so we consider the matter closed.", COMPLAINT_FEE),
    # orders and sarcasm
    Case("Please stop messaging us about this every day; it won't make the parcel arrive faster.", COMPLAINT_PARCEL),
    Case("Please keep it civil, our agents are doing their best.", COMPLAINT_BAG),
    Case("Would you really call a two-day wait a delay?", COMPLAINT_PARCEL),
    Case("Or are we supposed to guess which of your three orders you mean?", COMPLAINT_PARCEL),
    Case("Sorry our complimentary lounge wasn't luxurious enough for you.",
         "The lounge you gave me was tiny and there was no hot food."),
]

DEFENSIVE_PASS = [
    # a policy explained kindly, with a reason and an alternative
    Case("I completely understand how frustrating that fee is. Saver fares carry a change fee because they are sold "
         "at our lowest price, but what I can do is move you to the new date at no charge this once.", COMPLAINT_FEE),
    Case("I'm sorry the gate agent made you check a bag that fit the sizer; that should not have happened. Our staff "
         "may ask for bags to go in the hold on full flights, but they should explain why, and I've refunded the "
         "bag fee.", COMPLAINT_BAG),
    # "you should have received it by now" is about our delay, not the customer's failure
    Case("You should have received your parcel by now, and I'm sorry it's still not with you. I've opened a trace "
         "with the courier and will update you by 5pm tomorrow.", COMPLAINT_PARCEL),
    Case("You should've got a text with the new gate number by now; let me resend it."),
    # "actually" and "just" used neutrally
    Case("Good news: your parcel actually arrived at the local depot early, so it will be with you tomorrow."),
    Case("I just checked with the warehouse and your order left this morning."),
    Case("Just to confirm, is the delivery address still 12 Elm Road?"),
    # a specific apology that names the failure
    Case("I'm so sorry we charged you twice for March. The duplicate payment was refunded today and should be back "
         "on your card by Friday.", "You charged me twice this month!"),
    # the customer's own slip, handled without blame
    Case("If you entered the wrong email when booking, just reply with the right one and I'll update it."),
    Case("Don't worry if you typed the code incorrectly - I've sent you a new one."),
    # correcting ourselves, not the customer
    Case("You're right, that's not correct: the fee should never have been added, and I've removed it.",
         COMPLAINT_FEE),
    Case("We continue to monitor the storm closely and will text you the moment your flight has a new time."),
    Case("Again, I'm really sorry for the wait this morning."),
    Case("I can assure you this won't happen again: I've fixed the setting that caused it."),
    # what we are doing for this customer now, not what we always do
    Case("We're checking every depot for your parcel today, and I'll update you by 5pm tomorrow.", COMPLAINT_PARCEL),
    Case("We'll do our best to find a seat next to your family on the 6pm flight.", COMPLAINT_BAG),
    # "you signed" in "keeps you signed in" is not "the contract you signed"
    Case("Version 4.2.1, out tomorrow, fixes the log-outs; until then, turning off battery optimisation keeps you "
         "signed in.", COMPLAINT_APP),
    # a practice named next to work on this case now
    Case("We try to answer every message within a day; I'm looking at your crash log now.", COMPLAINT_APP),
    Case("Our team is working closely with Apple on this crash, and the next update is due Friday.", COMPLAINT_APP),
    # how the product works, offered with a condition for this customer
    Case("If your fare is refundable, the difference goes back to your card within five days.", COMPLAINT_FEE),
    # standing practice given as the answer to a plain question
    Case("We do price match: show the online price at the till and the team will match it.",
         "Do you price match the website in store?"),
    # standing practice after an apology that names what went wrong, with the fix
    Case("I'm sorry the agent made you check a bag that fit the sizer. We ask for bags on full flights, but this one "
         "wasn't full, and I've refunded the fee.", COMPLAINT_BAG),
]


@pytest.mark.parametrize("case", DEFENSIVE_FLAG, ids=str)
def test_defensive_paraphrases_are_flagged(linter, case):
    check(linter, case, "defensive", True)


@pytest.mark.parametrize("case", DEFENSIVE_PASS, ids=str)
def test_kind_replies_are_not_defensive(linter, case):
    check(linter, case, "defensive", False)


# ------------------------------------------------------------------------------------------------- non-apology

NON_APOLOGY_FLAG = [
    Case("We're sorry you feel that way about our service."),
    Case("Apologies if we fell short of your expectations on this occasion."),
    Case("We apologise for any inconvenience this may have caused.", COMPLAINT_PARCEL),
    Case("I apologise for your delay and any inconvenience it may have caused.",
         "Sat on the tarmac for two hours. Great."),
    Case("We regret that you were unhappy with your stay."),
    Case("Sorry to hear about your recent experience with us."),
    Case("I'm sorry, it appears the problem is with air traffic control.", "Why is my flight delayed AGAIN?"),
    Case("We're sorry this has been your experience. Let us know if we can help.", COMPLAINT_APP),
    Case("We regret your frustration and will pass this on.", COMPLAINT_FEE),
    Case("We're sorry that you were inconvenienced by this.", COMPLAINT_PARCEL),
    Case("Please accept our apology for the misunderstanding.", COMPLAINT_FEE),
    Case("Apologies for the late arrival. I hope the delay wasn't too much of an inconvenience.",
         "Two hours late into Leeds again."),
    Case("We apologize if we missed the mark on service today.", COMPLAINT_BAG),
    Case("Apologies for any mixed messages about the fee.", COMPLAINT_FEE),
    Case("I'm sorry to read you are not happy with us.", COMPLAINT_APP),
    Case("We're so sorry if you were uncomfortable on board.", COMPLAINT_BAG),
    Case("Please forgive us if that wasn't your experience.", COMPLAINT_BAG),
    Case("We're sorry you weren't aware the lounge was closed.", COMPLAINT_BAG),
    Case("Sorry to hear your trip didn't go as well as it could have.", COMPLAINT_BAG),
    Case("We apologize for the poor impression you've received.", COMPLAINT_APP),
    Case("We regret your frustrations with the new rules.", COMPLAINT_FEE),
]

NON_APOLOGY_PASS = [
    Case("I'm sorry your refund still hasn't reached you after we promised it for Monday - that's on us. It will be "
         "in your account by Thursday.", COMPLAINT_PARCEL),
    Case("I'm so sorry the courier left your parcel in the rain and the box arrived soaked. A replacement ships today."),
    Case("Sorry for the two-hour wait on the phone this morning; I've called you back to sort the booking."),
    Case("Apologies if this is a duplicate: our system sent the first email twice."),
    Case("Apologies if we missed your call earlier; I'm free now on this number until 6pm."),
    # a free upgrade offered as an apology is a make-good, not a stock line
    Case("As an apology for the mix-up with your seats, we've upgraded you to Premium on your return flight, free of "
         "charge.", "You split up my family on a 9-hour flight."),
]


@pytest.mark.parametrize("case", NON_APOLOGY_FLAG, ids=str)
def test_non_apologies_are_flagged(linter, case):
    check(linter, case, "non-apology", True)


@pytest.mark.parametrize("case", NON_APOLOGY_PASS, ids=str)
def test_specific_apologies_are_not_non_apologies(linter, case):
    check(linter, case, "non-apology", False)


def test_free_upgrade_as_apology_is_not_a_pitch(linter):
    case = NON_APOLOGY_PASS[-1]
    check(linter, case, "pushy-upsell", False)
    check(linter, case, "defensive", False)


# ------------------------------------------------------------------------------------------------- missing apology

STILL_FRUSTRATED = ("You already apologised on Monday and my refund is STILL not here. Sorry doesn't pay my rent.")
STILL_FRUSTRATED_2 = "That's what you said last time, and the engineer never came. Third time now."

MISSING_APOLOGY_FLAG = [
    # no apology at all to a customer who is still frustrated after the first one (a second stock apology is
    # reported too, as advice: see test_still_frustrated_thread_needs_a_second_specific_apology)
    Case("Please allow 5-7 working days for the refund to show.", STILL_FRUSTRATED),
    # a complaint with no apology or acknowledgement at all
    Case("Please send us your order number via DM.", COMPLAINT_PARCEL),
    # the reply itself admits a failure and moves on
    Case("Your parcel was damaged in transit. A replacement leaves the warehouse tomorrow."),
]

MISSING_APOLOGY_PASS = [
    Case("I'm sorry your refund still isn't through after we promised it on Monday - that's our failure, not yours. "
         "I've escalated it to our payments team and it will reach your account by Thursday.", STILL_FRUSTRATED),
    Case("I'm really sorry the engineer didn't turn up again. I've booked a senior engineer for 8am tomorrow and "
         "I'll call you myself once he's on his way.", STILL_FRUSTRATED_2),
    Case("I can see why you're upset - two weeks is far too long. Could you DM me the order number so I can chase "
         "the courier today?", COMPLAINT_PARCEL),
    Case("Yes, folding bikes count as hand luggage if they fit in the overhead bin.",
         "Can I bring a folding bike as hand luggage?"),
    # the feeling named as the agent perceives it, read from the parse
    Case("You seem really upset with us today, Priya. Send me the order number and I'll chase the courier myself.",
         COMPLAINT_PARCEL, parser=True),
    Case("We can tell how frustrated you are with the log-outs. Which phone are you using?", COMPLAINT_APP,
         parser=True),
    Case("We really didn't intend for you to pay twice for one change, Leo. Send me the booking reference and I'll "
         "look at the fee today.", COMPLAINT_FEE, parser=True),
]


@pytest.mark.parametrize("case", MISSING_APOLOGY_FLAG, ids=str)
def test_missing_apologies_are_flagged(linter, case):
    check(linter, case, "missing-apology", True)


@pytest.mark.parametrize("case", MISSING_APOLOGY_PASS, ids=str)
def test_owned_problems_are_not_missing_an_apology(linter, case):
    check(linter, case, "missing-apology", False)


def test_still_frustrated_thread_needs_a_second_specific_apology(linter):
    stock = linter.lint("We're sorry for the inconvenience. Refunds can take 5-7 working days.",
                        customer=STILL_FRUSTRATED)
    specific = linter.lint("I'm sorry your refund still isn't through after we promised it on Monday. I've escalated "
                           "it and it will reach your account by Thursday.", customer=STILL_FRUSTRATED)
    still = [f for f in stock.findings if f.rule == "missing-apology.still-frustrated"]
    assert [f.severity for f in still] == ["info"]  # advice: the stock line itself is the warning, as a non-apology
    assert any(f.category == "non-apology" and f.severity == "warning" for f in stock.findings)
    assert "missing-apology.still-frustrated" not in [f.rule for f in specific.findings]
    second = linter.lint("Apologies for any trouble. Please DM us your reference.", customer=STILL_FRUSTRATED_2)
    assert "missing-apology.still-frustrated" in [f.rule for f in second.findings]
    # without the earlier apology in the thread the same stock line is a non-apology, not a missing one
    first = linter.lint("We're sorry for the inconvenience. Refunds can take 5-7 working days.",
                        customer="Where is my refund? It's been a week.")
    assert "missing-apology.still-frustrated" not in [f.rule for f in first.findings]


# ------------------------------------------------------------------------------------------------- generic

GENERIC_FLAG = [
    Case("Thank you for reaching out! We value your feedback and have passed it on to the relevant team.",
         "The seat pitch on your new A321s is awful, my knees were crushed for five hours."),
    Case("Hi there, please DM us your details and we'll look into this for you.", COMPLAINT_APP),
    Case("Please submit a request through our help centre and a member of the team will assist you.",
         "My game keeps crashing at the loading screen since the last patch."),
    Case("You're very welcome! Thanks for choosing us, and we hope to see you again soon.",
         "Thanks for the smooth flight to Lisbon yesterday!"),
    Case("We're sorry to hear this. How can we help?", COMPLAINT_BAG),
]

GENERIC_PASS = [
    Case("Thanks for reaching out, Maria - I'm sorry the seat pitch on the A321 left you cramped for five hours. I've "
         "logged it with our cabin team and added 2,000 miles to your account.",
         "The seat pitch on your new A321s is awful, my knees were crushed for five hours."),
    Case("Glad the Lisbon flight went smoothly, and thanks for the kind words about the crew on TP1351!",
         "Thanks for the smooth flight to Lisbon yesterday! The crew on TP1351 were lovely."),
    Case("Sorry the app keeps logging you out. Could you tell me which phone and app version you're on? A fix for "
         "the sign-in loop on Android 14 is rolling out this week.", COMPLAINT_APP),
]


@pytest.mark.parametrize("case", GENERIC_FLAG, ids=str)
def test_stock_replies_are_generic(linter, case):
    check(linter, case, "generic", True)


@pytest.mark.parametrize("case", GENERIC_PASS, ids=str)
def test_specific_replies_are_not_generic(linter, case):
    check(linter, case, "generic", False)
