"""Complaint phenomena of rules/complaint.yaml beyond the basic keywords, with the hard negatives each must leave alone.

Every message was written for these tests. Each phenomenon is checked through the public API on both pipelines:
the `complaint` detector on the customer's message, and the rule it drives (a reply with no apology or
acknowledgement to a customer who complains is reported as `missing-apology.unacknowledged-complaint`).
"""

from __future__ import annotations

import pytest

from replylint.draft import normalise

NEUTRAL_REPLY = "Please send us your order number."
RULE = "missing-apology.unacknowledged-complaint"


def detected(linter, message: str) -> set[str]:
    with linter.pipeline.without_parser() as nlp:
        doc = nlp(normalise(message))
    return set(linter.engine.detect(doc, ["complaint", "complaint-chasing"]))


def complains(linter, message: str) -> bool:
    return "complaint" in detected(linter, message)


def reported(linter, message: str) -> bool:
    return RULE in {f.rule for f in linter.lint(NEUTRAL_REPLY, customer=message).findings}


# (phenomenon, a complaint that shows it)
COMPLAINTS = [
    ("no longer + verb", "Since the last update my watch no longer syncs with the app."),
    ("out of service", "Both lifts at the car park have been out of service since Friday."),
    ("switched off", "The air conditioning in coach C was switched off for the whole journey."),
    ("cutting out", "The sound keeps cutting out every few minutes on your streaming box."),
    ("refused to", "The manager refused to accept the voucher you emailed me."),
    ("keeps on -ing", "The washing machine keeps on flashing the same code."),
    ("take action", "Kindly take action, the platform lights have been broken for days."),
    ("asked many times", "I have called several times and still nobody knows where my sofa is."),
    ("how does this happen", "How could this happen twice with the same order?"),
    ("why are you doing this", "Why do you guys do this every single weekend?"),
    ("what are you playing at", "What are they playing at, cancelling the 8:10 without a word?"),
    ("been trying for N days", "Been trying to change my direct debit for three weeks now."),
    ("regret, misspelt", "Really regreting the upgrade to this plan."),
    ("impolite", "The lady at the returns desk was impolite and impatient."),
    ("mistreated", "We were mistreated at your Bristol branch last night."),
    ("losing trust", "I'm losing all confidence in your booking system."),
    ("my only complaint", "Lovely stay, my one complaint is the noise from the bar."),
    ("should have been dispatched", "It says the item should have been shipped yesterday."),
    ("got nothing", "You said the code was sent, but I received nothing."),
    ("supposed to be released", "The patch was meant to be released last month."),
    ("came damaged", "The lamp arrived broken and the shade was crushed."),
    ("broke after", "The zip snapped within a fortnight."),
    ("price rise", "Another fee increase and the service is no better."),
    ("taking the custom elsewhere", "Never ordering from this site again."),
    ("chasing an update", "Any update on my claim? It has been ten days."),
    ("what a faulty thing does", "The screen flickers every time I open the lid."),
    ("a noise it should not make", "My dishwasher is making a loud grinding noise since Tuesday."),
    ("died on me", "The kettle I bought in March died on me this morning."),
    ("a product recall", "Our tumble dryer was recalled for a fire risk."),
    ("this issue", "How long will this issue last?"),
    ("why ... not, words between", "Why was the car park not salted before the frost?"),
    ("a promise not kept", "The sofa was meant to be here by Friday."),
    ("why you + -ing", "Why you sending me someone else's post?"),
    ("not safe, not fresh", "The salad was not even fresh."),
    ("sarcastic love", "Just love queuing forty minutes at the till."),
    ("late, not the hour", "The shuttle bus was late this morning."),
    ("expected, yet", "The app says my card is active even though it keeps being declined."),
    ("ordered one thing, got another", "Booked a double room, got two singles pushed together."),
    ("told one thing, then", "I was told the fee would be waived, but it's still on my bill."),
    ("money taken", "Got charged twice for the same coffee this morning."),
    ("a fee out of nowhere", "You charged me a £30 admin fee for changing a date."),
    ("not done", "The bins weren't emptied all week."),
    ("without a word", "Closed my support ticket without replying."),
    ("someone else's details", "The parcel label has someone else's name on it."),
    ("instead of", "I was given the small box instead of the large one."),
    ("none there", "Booked a cot for the room but when we arrived there were none."),
    ("ago and still", "Sent my form three weeks ago and still nothing back."),
    ("waited N minutes", "Waited 40 minutes at the counter for a prepaid car."),
    ("a black screen", "Episode 3 just shows a black screen on my TV."),
    ("out of sync", "Sound is out of sync on every film."),
    ("your own words against what happened", "The listing said free parking but the hotel charged us £20 a night."),
    ("sarcasm", "Oh great, the update deleted all my notes."),
    ("praise, but", "Love the gym, but the showers have been cold since March."),
    ("praise, shame", "Staff were brilliant, shame the room smelled of smoke."),
    ("not as advertised", "The jacket is thin and scratchy, not what was advertised."),
    ("a review's low rating", "2 stars. The lid never closes properly."),
    ("a defect in a review", "The bookshelf wobbles even on a flat floor."),
    ("arrived in pieces", "The vase arrived in 4 pieces."),
    ("marked delivered", "The tracking marked it as delivered but the porch is empty."),
    ("no record", "Turned up for my appointment and there was no record of it."),
    ("duplicate charge", "There's a duplicate payment on my card from Tuesday."),
    ("not in my account", "The bonus points are not in my account yet again."),
    ("only part received", "I paid for the bundle and received the headphones only."),
    ("nobody got back", "I left a message on Monday and nobody has called."),
    ("chasing by count", "I've emailed twice about the broken handle."),
    ("the page said otherwise", "The seats were split up, although the booking page said seats together."),
    ("a promise of waiving", "Your sales team told me the setup fee would be waived, it's on my bill."),
    ("dropping out", "The signal keeps dropping out every evening."),
    ("been without", "We've been without hot water since your engineer left."),
    ("no service since", "No mobile signal since 6am, phone says connected."),
    ("arrived with damage", "The oven was delivered with a large scratch on the door."),
    ("missing parts", "The wardrobe came missing two screws and a hinge."),
    ("made to pay", "At the desk I was asked to pay for breakfast that the listing said was included."),
    ("how am I meant to", "How am I meant to log in when the code never arrives?"),
    ("left in the rain", "The driver left the parcel on the wall in the rain."),
    ("a long e-mail with one fact", "Dear team, I hope you are well. I moved in last month and love the area. "
                                    "I noticed the bill shows two charges of £40 for the same week. Kind regards, Sam"),
    ("went from X to Y", "My premium went from £30 to £95 at renewal."),
    ("the docs say otherwise", "Your docs say uploads up to 2GB but anything over 500MB fails."),
    ("is it just me", "Is the login page down or is it just me?"),
    ("error codes", "Getting 503s on every request since lunch."),
    ("staff attitude", "The cashier rolled her eyes when I asked for a receipt."),
    ("promised, got neither", "Promised a callback and a refund, got neither."),
    ("found out elsewhere", "My train was cancelled and I only found out at the station."),
    ("stopped working again", "The card reader stopped working again, third time this week."),
    ("sarcasm after oh", "Oh wonderful, the parcel went back to the depot again."),
    ("charged twice, words between", "You charged my card twice for the same order."),
    ("two claims that disagree", "The box says 300 pages, the printer said empty after 40."),
    ("different answers", "I've had three different answers from three different agents."),
    ("which is it", "Your app says open and the sign says closed, which one is it?"),
    ("money instead of money", "Charged £12 instead of £4 for one hour."),
    ("day N of chasing", "Day 6 of waiting for my replacement strap."),
    ("spins forever", "The upload screen just spins forever."),
    ("reinstalled many times", "I've reinstalled the app three times now."),
    ("why does it still", "Why does the dark mode still reset every night?"),
    ("since the update", "Everything prints with a pink tint since the last update."),
    ("lasted only", "The ink lasted 2 weeks."),
    ("ever going to be fixed", "Is the lift ever going to be fixed?"),
    ("nothing done", "I reported the leak and nothing was done."),
    ("nothing they could do", "Staff said there was nothing they could do."),
    ("sound cut out", "The sound cut out for the last twenty minutes."),
    ("same issue again", "Second replacement, same charging port issue."),
    ("paying for one thing, getting another", "Paying for 200Mbps, the speed test says 20."),
    ("loyalty penalty", "New customers get the same plan for half what I pay."),
    ("asked before", "My surname is still misspelt, I've asked this before."),
    ("N times today", "The app logged me out 5 times today."),
    ("is it supposed to", "Is it supposed to take ten minutes to boil?"),
    ("settings that reset", "The schedule reverts to default every Sunday."),
    ("none of them work", "After the update none of my smart plugs work."),
    ("ads on a paid plan", "Adverts between songs on a paid plan?"),
    ("running behind", "The subtitles are 5 seconds behind the speech."),
    ("money gone", "Money taken, no tickets in my inbox."),
    ("found something in food", "Found a hair in my sandwich."),
    ("sarcastic value", "£80 well spent, the fridge is still warm."),
    ("heard nothing", "It's been three weeks and I've heard nothing."),
    ("a different design", "The kit in the box is a totally different design from the photo."),
    ("it did it itself", "The console bricked itself during the update."),
    ("only weeks old", "The handle snapped and the pan is only 6 weeks old."),
    ("came loose", "The shelf bracket came loose after a week."),
    ("does anyone read these", "Is there anyone who actually reads these emails?"),
    ("a bounced payment", "Your refund cheque bounced."),
    ("debited twice", "Why has my direct debit come out twice?"),
    ("short of what was paid for", "The fabric is a metre short of what I paid for."),
    ("why the price", "Why is postage £9 on a £3 card?"),
    ("how is it possible", "How is it possible that a 10kWh battery stops at 6?"),
    ("zero responses", "Four calls, three emails, 0 responses."),
    ("broke at first use", "The zip broke the first time I used it."),
    ("only some arrived", "Ordered a pack of five, only 3 were in the bag."),
    ("the dye ran", "The dye ran and my whites are pink now."),
    ("today is day N", "Next-day delivery, they said. Today is day 5."),
    ("coming soon for years", "Wifi on board has been 'coming soon' since 2021."),
    ("not in stock after all", "Drove an hour and the 'in stock' desk was not in stock."),
    ("the wrong part", "The third box has the wrong logo printed on it."),
    ("stone cold", "Food arrived stone cold."),
    ("dead pixels", "Two dead pixels on a brand new screen."),
    ("waiting for you", "My car is still at the garage waiting for you to approve the repair."),
    ("yet you", "The other driver admitted fault, yet you have logged it against me."),
    ("after a few washes", "The colour has faded after two washes."),
    ("not our fault", "The train was late, not our fault at all."),
    ("the same answer", "Your chat bot keeps sending the same FAQ link whatever I type."),
    ("worse than", "Your exchange rate was 3% worse than the bank's today."),
    ("shorter than the others", "One leg is 2cm shorter than the others."),
    ("quoted one price", "I was quoted £20 on the phone but the invoice says £50."),
    ("a stain", "The rented mattress has a huge stain on it."),
    ("never updates", "The watchlist never updates on the second box."),
    ("any point", "Is there any point having a returns policy?"),
    ("N dead by", "Bought six plants, 4 dead by Wednesday."),
    ("none out of", "0 out of 24 seeds came up."),
    ("N days in a row", "Arriving today, it says, for 5 days in a row."),
    ("weeks instead of days", "The repair took 3 weeks instead of 5 days."),
    ("all gone", "Three staff tried the transfer and all my chats are gone."),
    ("something not asked for", "There's an insurance policy on my bill I didn't ask for."),
    ("still in a status", "My refund request is still 'pending' three weeks on."),
    ("still open after", "Support case 8812 still open after a fortnight."),
    ("it is now", "The plumber was due at 8. It's now 1pm."),
    ("since your visit", "The tap has dripped since your engineer came round."),
    ("no X again", "No signal again on the top floor."),
    ("why do I have to", "Why do I have to re-enter my card every single time?"),
    ("not in the box", "The charging cable was not in the box."),
    ("takes ages to reply", "Your helpdesk takes ages to answer an email."),
    ("a safety risk", "The handrail on platform 2 is loose, fix it before someone gets hurt."),
    ("not ideal", "Two hours without water on a Sunday, not ideal."),
    ("fails every time", "The app crashes every time I open my basket."),
    ("arrived in a bad state", "The yoghurts arrived warm and the eggs arrived cracked."),
    ("swapped round", "The labels on the two bottles were swapped round."),
    ("a remedy asked for", "I'd like the late fee refunded please."),
    ("queued until", "Had an 8:30 appointment, waited until 9:40."),
    ("none there", "App says 4 bikes at the station, there are 0."),
    ("explain?", "Charged twice the quoted fare. Explain?"),
    ("it's been N", "Told it would take 5 days, it's been 15."),
    ("is it standard to", "Is it standard to leave mud all over the carpet after a fitting?"),
    ("won't arrive until", "Paid for express and it won't arrive until next Friday."),
    ("nothing back", "Emailed twice last month, nothing back."),
    ("a sanction", "My loyalty account got suspended for no reason."),
    ("a fine from the company", "Got a £60 fine from you for parking in my own paid bay."),
    ("a defect stated as a fact", "Two weeks old and the sofa has a tear in the cushion."),
    ("speed against the plan", "Your fibre is giving me 4mbps when I pay for 100."),
    ("tastes of something else", "Why does your sparkling water taste like plastic lately?"),
    ("a status for days", "The tracking has said 'processing' for 12 days."),
    ("nothing included", "Unboxed the speaker and there's no charger inside."),
    ("out of date", "The yoghurt I bought this morning went out of date last week."),
    ("not a word", "Spent £200 in store and the assistant didn't say one word to me."),
    ("nobody rang", "Told the car would be ready Friday, it's Tuesday and nobody's rung."),
    ("wear after days", "Wore the boots three times and the sole is peeling."),
    ("notice", "They cancelled my class with 2 hours notice."),
    ("advert versus reality", "The pizza on the menu vs the pizza in the box."),
    ("who asked for this", "New menu layout hides the search bar. Who asked for this?"),
    ("a fee for what", "A £3 'service fee' on top of delivery? For what exactly?"),
    ("ruined in the first wash", "Grey jumper came out blue in the first wash."),
    ("a zero balance", "Gift card from my aunt says balance £0 and it's never been used."),
    ("sat waiting", "Sat outside the station for 40 minutes with no announcement."),
    ("a device that smokes", "The kettle started smoking on the second use."),
    ("deleted everything", "The update deleted all my saved playlists."),
    ("asked for one thing, got another", "Asked for no onions, got extra onions."),
    ("an automatic reply", "Emailed support twice and all I get is an auto reply."),
    ("a kept deposit", "You kept £200 of my deposit for a scuff that was there when I moved in."),
    ("different from the photos", "The rug is completely different from the photos online."),
    ("the clock against the promise", "Ordered at 7:10. It's 8:35."),
    ("a date against the promise", "Refund was 'processed' on the 3rd. It's the 24th."),
    ("came and went", "Install booked for Tuesday. Tuesday came and went."),
    ("tracking that never moves", "Tracking hasn't moved in a week."),
    ("something missing", "Paid for extra cheese. There is no cheese."),
    ("not my door", "The app says delivered, with a photo of a door that is not my door."),
    ("advertised against actual", "Battery life advertised: 10 hours. Actual: 4."),
    ("a reaction", "Broke out in hives after two days of the new cleanser."),
    # forms found measuring real tweets to airlines (each message here written for the test)
    ("hostility", "@SkyLink honestly I hate you right now, third gate change tonight."),
    ("never again, informal", "never wanna book with @SkyLink again after this weekend"),
    ("telling others not to buy", "Don't fly @SkyLink, trust me on this one."),
    ("first and last", "My first stay with you and definitely the last."),
    ("get it together", "@QuickMart get it together, the self checkouts are all down."),
    ("so many problems", "I've never had so many problems with a phone contract."),
    ("stuck at a step", "Can't get past the payment page on your site, tried three cards."),
    ("damage noticed later", "Only noticed the dent in the fridge door after the van had gone."),
    ("a missed connection", "Any help with this misconnect in Denver?"),
    ("promise against fact", "The site said next-day delivery when in fact it took a week."),
    ("never before elsewhere", "Never had these issues with any other bank."),
    ("a hot or cold cabin", "The carriage felt like a sauna all the way to York."),
    ("nobody answering", "Rang the store four times and no one picking up."),
    ("taking months", "Why is it taking you 6 months to fix my boiler?"),
    ("did not allow", "The agent did not allow my son to board with his own seat."),
    ("staff did nothing", "A man was shouting at passengers and the crew did nothing."),
    ("a big inconvenience", "A huge inconvenience for a family with two toddlers."),
    ("not the best start", "Not the best start to our honeymoon, the room wasn't ready."),
    ("below standard", "The cleaning in the gym is not up to par lately."),
    ("an accusing how-question", "How can you not have a single charger working in the lounge?"),
    ("why make us", "Why make us queue outside in the rain for an hour?"),
    ("why did you change", "Why did you change my seat without telling me??"),
    ("asking about an outage", "Are you having server issues? Nothing loads."),
    ("asking for a real person", "Is there an actual human I can talk to?"),
    ("whats going on", "Whats going on? Third cancelled train this week."),
]

# (phenomenon, a message that chases or asks for action without naming the failure): weaker evidence
CHASING = [
    ("look into this", "Could you please look into this booking for me?"),
    ("chasing a DM", "Please answer my DM, I sent the booking details yesterday."),
    ("discontinued product", "Please bring back the oat bar."),
    ("need help with", "Need help with my account please."),
    ("please put it right", "Kindly rectify the surname on my booking."),
    ("chasing an update", "Any update on my claim?"),
    ("following up", "Following up on my claim from last month."),
    ("any news", "Any news on my repair?"),
]

# (why it is not a complaint, a message that looks like one)
NOT_COMPLAINTS = [
    ("the customer switched it off", "I switched off the router like you said, what next?"),
    ("asking how to switch off", "How can I turn off the email reminders?"),
    ("the customer's own refusal", "I refuse to choose between the two colours, I'll take both!"),
    ("idiom, not a fault", "Turns out my husband had already picked it up, thank you."),
    ("a stock question", "Are the grey trainers out of stock in a size 6?"),
    ("a question, not a demand", "Will you bring back the pumpkin latte in the autumn?"),
    ("a wish for the future", "I'll bring back the receipt tomorrow."),
    ("the customer's own mistake", "I have booked and typed the wrong surname, can it be corrected?"),
    ("the customer's own mistake", "We made a typo in the email address, could you update it?"),
    ("about sport", "Terrible decision by the referee in the second half."),
    ("about politics", "The senator's answer was a disgrace."),
    ("about school", "My homework is a nightmare this week."),
    ("praise", "I can't get enough of the new chilli sauce!"),
    ("praise", "Your cinnamon buns never get old."),
    ("the hour, not a delay", "It's late and I've still got to pack, night all."),
    ("an idiom of time", "Well, that heatwave was short lived."),
    ("feelings about oneself", "I'm so frustrated with myself for missing the sale."),
    ("banter about someone else", "Sucks to be him, he missed the last bus home."),
    ("a contest entry", "Please help me win this hamper giveaway!"),
    ("about politics", "The governor's speech was a disaster."),
    ("an idiom of being moved", "That advert with the puppy gets me every time."),
    ("remembering, not a recall", "I don't recall the order number, can you look it up by email?"),
    ("not seen yet", "I have yet to see the new film, no spoilers please."),
    ("shouting for emphasis", "Honestly NOTHING beats a Sunday roast."),
    ("trouble, not with the company", "My little brother always stirs up trouble on the playground."),
    ("the provider they are leaving", "My old provider was a nightmare, so I'm switching to you. Can I keep my number?"),
    ("a different company", "Another rental company scammed us last year, hoping you're better!"),
    ("moving over", "Moving over from a rival app that was unusable. Can I import my playlists?"),
    ("own mistake, by mistake", "I paid into the wrong account by mistake, can it be reversed?"),
    ("own mistake, on my part", "Typo on my part in the email address, could you fix it?"),
    ("own mistake, wrong branch", "I signed up at the wrong branch, can you move me?"),
    ("own mistake, forgot", "I forgot to renew, is my cover still valid?"),
    ("praise only", "Love the gym and the staff are brilliant."),
    ("not the company's fault, said so", "Not your fault, the venue staff were rude at the gate."),
    ("a family member did it", "My little brother deleted my saved game, can you restore it?"),
    ("a pet did it", "My dog chewed through the charger cable, do you sell replacements?"),
    ("a high rating", "Five stars, the bike fits perfectly."),
    ("thanks for a problem put right", "Last week the lid was broken. Thank you for replacing it so quickly!"),
    ("own mistake owned up to, elsewhere in the message", "The order went to the wrong flat. I accidentally "
                                                          "picked my old address, can you change it?"),
    ("a thank-you letter", "Hello, I wanted to say thank you to your Leeds team. My laptop had died before an "
                           "exam and they fixed it in an hour."),
    ("the neighbours", "My neighbours are so noisy tonight, can I book a quieter room for next week?"),
    ("own accident", "Dropped my phone in the bath again, do you sell waterproof cases?"),
    ("apologising for the bother", "Sorry for the hassle, could you resend my invoice?"),
    ("still in time?", "Can I add insurance after booking or is it too late?"),
    ("the council", "Parking is a nightmare on Saturdays, the council needs more spaces."),
    ("other people at the venue", "The guy behind me kicked my seat all night, some people!"),
    ("all good now", "Couldn't log in earlier, all good now."),
    ("own mistake, upside down", "I put the cartridge in upside down and it's stuck, how do I get it out?"),
    ("a school they left", "My old language school was a waste of money, how do I start with you?"),
    ("not a complaint, said so", "Not a complaint, just curious why the cover art is different."),
    ("another shop, bought elsewhere", "My kettle from an online shop broke, can you repair it anyway?"),
    ("own purchase mistake", "Bought the wrong size nappies, can I swap them without a receipt?"),
    ("the old device", "The hub I had before was rubbish, yours has been solid."),
    ("thanks, sorted", "Rang about the warranty and the lady was great. Thank you, sorted!"),
    ("asking about a recall", "Is there a recall on the 2019 model?"),
    ("glad to use you instead", "The taxi drivers at the rank were rude, glad I booked you instead."),
    ("the boss", "Boss kept me late again, at least the ride home is quick."),
    ("the landlord", "My landlord still hasn't fixed the damp, does my policy cover my rug?"),
    ("own typing mistake", "Typed my postcode wrong on the order, can it be changed?"),
    ("own spill", "Spilled juice on my controller, do you sell them separately?"),
    ("sort as in order", "Could you let us sort the library by size?"),
    ("own fault, said elsewhere", "My phone died before I could tap off. My own fault. Will I pay the max fare?"),
    ("a previous hairdresser", "My hairdresser before you was a nightmare, so glad I switched."),
    ("prices in general", "Petrol prices are criminal right now."),
    ("own driving", "I reversed into a bollard, do I need to report it?"),
    ("a note of thanks", "Just a quick note to thank the driver, the parcel was leaking and he rang me first."),
    ("own clumsiness", "I knocked the box off the shelf and it won't turn on. My own clumsiness, can it be repaired?"),
    ("a change of schedule", "Can I switch my delivery to every 6 weeks instead of 4?"),
    ("could do worse", "I could do a lot worse than your meal deal for lunch."),
    ("cancellation terms asked about", "Booking 12 rooms for June, what are the cancellation terms?"),
    ("a third party's fault, said so", "The courier lost the box, that's on them not you."),
    ("an app used before", "The shop I used before never had my size, yours always does."),
    ("an idiom", "Tough week at work has broken me. Pizza time."),
    ("it is OK to ask", "Is it okay to keep the cool bag?"),
    ("nothing again", "No thanks again, I'm all set."),
    ("praise that saved a hassle", "Love the new filter, saved me so much hassle."),
    ("a suggestion, just saying", "You should do a veggie breakfast wrap, just saying."),
    ("the brand as the bright side", "Stuck in traffic for two hours, at least the coffee from your drive-thru was hot."),
    ("a joke about never again", "never again (until friday) 🍺"),
    ("the council's potholes", "These potholes are wrecking my tyres, council please fix."),
    ("the brand as the good news", "This rain is horrible, thank god you deliver."),
    ("praise for a worker", "The courier carried the sofa up four floors in a heatwave, give that man a raise."),
    ("praise for a product", "Best game I've played in years, 100 hours and counting."),
    ("someone else's wifi", "Uni wifi is a joke, can't even load anything."),
    ("a landlord", "My landlord is the absolute worst, rent up again."),
    ("a match score", "Losing 3-0 at home, at least the pies were good."),
    ("the customer's own booking", "Booked the wrong date by accident, can I swap?"),
    ("a retweeted news item", "RT @AutoNewsDaily: Koru recalls 240,000 SUVs over a faulty fuel pump"),
    ("praise after a fix", "Support replaced my leaking bottle in 2 days, no questions asked."),
    ("no need", "There is no need to reply, just letting you know I got it."),
    ("hearsay about a price", "The app says £90 but a friend said £75, which is right?"),
    # praise that mentions a problem, in the same clause
    ("the crew praised", "Short delay in Leeds but the crew were amazing about it."),
    ("hassle free", "Thanks for a hassle-free trip home yesterday."),
    ("very happy despite a mix-up", "Very happy with @SkyLink, missed my train and your team kicked butt to rebook me."),
    ("never a bad experience", "Never had a bad experience with you in ten years."),
    ("no problem with it", "Not got a problem with the new app, just asking where the map went."),
    ("handling problems well", "Love how your social team handles customer issues so quickly."),
    ("a complaint resolved", "My complaint was speedily resolved, thank you Sara."),
    ("the price is good news", "Painfully accurate review of the match, well played."),
    ("another brand's fridge", "That new phone from the other brand looks like a fridge."),
]


@pytest.mark.parametrize("phenomenon, message", COMPLAINTS, ids=[c[0] for c in COMPLAINTS])
def test_complaint_phenomenon_is_detected(linter, phenomenon, message):
    assert complains(linter, message), f"{phenomenon}: not detected in {message!r}"


@pytest.mark.parametrize("phenomenon, message", CHASING, ids=[c[0] for c in CHASING])
def test_chasing_is_weaker_evidence_than_a_complaint(linter, phenomenon, message):
    assert detected(linter, message) == {"complaint-chasing"}, phenomenon
    rules = {f.rule: f.severity for f in linter.lint(NEUTRAL_REPLY, customer=message).findings}
    assert rules.get("missing-apology.unacknowledged-request") == "info" and RULE not in rules
    acknowledged = linter.lint("I'm sorry you've had to chase us. Please send us your order number.",
                               customer=message)
    assert "missing-apology.unacknowledged-request" not in {f.rule for f in acknowledged.findings}


def test_a_complaint_outranks_chasing_in_the_same_message(linter):
    message = "Please look into this, my parcel never arrived."
    assert detected(linter, message) == {"complaint", "complaint-chasing"}
    rules = {f.rule for f in linter.lint(NEUTRAL_REPLY, customer=message).findings}
    assert RULE in rules and "missing-apology.unacknowledged-request" not in rules


@pytest.mark.parametrize("reason, message", NOT_COMPLAINTS, ids=[f"{n[0]}-{i}" for i, n in enumerate(NOT_COMPLAINTS)])
def test_lookalike_is_not_a_complaint(linter, reason, message):
    assert not detected(linter, message), f"{reason}: detected in {message!r}"


def test_phenomena_drive_the_missing_apology_rule(linter):
    assert reported(linter, "The card reader at your kiosk has been out of order since Sunday.")
    assert reported(linter, "Your driver refused to take the parcel upstairs.")
    assert not reported(linter, "Is the kiosk at the north entrance card only?")
    assert not reported(linter, "I entered the wrong postcode, can you change it?")


def test_whose_mistake_decides(linter):
    # the same wrong address: the company's mistake is a complaint, the customer's own typo is not
    assert complains(linter, "You sent my parcel to the wrong address.")
    assert not complains(linter, "I put the wrong address on my parcel, can you help?")
    # the same "refused to": someone at the company refusing is a complaint, the customer refusing is not
    assert complains(linter, "Your agent refused to rebook us.")
    assert not complains(linter, "I refuse to fly with anyone else.")
