# Words used all over the program: counts, names of touchpoints, tags and
# journeys, months. Checklists' own text is never translated.

count-items = { $count ->
    [one] { $count } item
   *[other] { $count } items
}
count-touchpoints = { $count ->
    [one] { $count } touchpoint
   *[other] { $count } touchpoints
}

## Touchpoints of the guest journey (SPEC: journey order).
touchpoint-pre-arrival = Pre-arrival
touchpoint-check-in = Check-in
touchpoint-in-stay = In-stay
touchpoint-departure = Departure
touchpoint-post-stay = Post-stay

## Built-in tags: scored on their own in reports.
tag-personal-touch = Personal touch
tag-atmosphere = Atmosphere
tag-recovery = Service recovery
tag-surprise = Surprise

## Bundled journeys.
journey-hotel-stay = Hotel stay
journey-luxury-train = Luxury train
journey-river-cruise = River cruise

## Months, short, as dates are shown ("23 Nov").
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

## The visit debrief's attached files.
debrief-visit-files = Files attached to the visit
debrief-file-unreadable = not shown: the copy in the data folder is missing or changed

## A visit finalized before it started by the clock (the clock was set back).
clock-went-back = the computer's clock was set back: finalized { $finished }, before it started ({ $started }); both times kept as recorded, duration unknown
debrief-duration-unknown = unknown: the computer's clock was set back before the visit was finalized
