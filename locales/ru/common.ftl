# Слова, которые встречаются по всей программе: счёт, названия точек
# контакта, тегов и маршрутов, месяцы. Текст чек-листов не переводится.

count-items = { $count ->
    [one] { $count } пункт
    [few] { $count } пункта
    [many] { $count } пунктов
   *[other] { $count } пункта
}
count-touchpoints = { $count ->
    [one] { $count } точка контакта
    [few] { $count } точки контакта
    [many] { $count } точек контакта
   *[other] { $count } точки контакта
}

## Точки контакта пути гостя.
touchpoint-pre-arrival = До приезда
touchpoint-check-in = Заселение
touchpoint-in-stay = Проживание
touchpoint-departure = Отъезд
touchpoint-post-stay = После отъезда

## Встроенные теги: в отчётах оцениваются отдельно.
tag-personal-touch = Личное участие
tag-atmosphere = Атмосфера
tag-recovery = Исправление ошибок
tag-surprise = Сюрприз

## Встроенные маршруты.
journey-hotel-stay = Проживание в отеле
journey-luxury-train = Поезд класса люкс
journey-river-cruise = Речной круиз

## Месяцы, кратко, как показаны даты («23 нояб.»).
month-1 = янв.
month-2 = февр.
month-3 = марта
month-4 = апр.
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = авг.
month-9 = сент.
month-10 = окт.
month-11 = нояб.
month-12 = дек.

## Файлы, приложенные к визиту, в отчёте о визите.
debrief-visit-files = Файлы, приложенные к визиту
debrief-file-unreadable = не показан: копии в папке данных нет или она изменена

## Визит завершён раньше, чем начат, по часам (часы перевели назад).
clock-went-back = часы компьютера перевели назад: визит завершён { $finished }, раньше начала ({ $started }); оба времени сохранены как записаны, длительность неизвестна
debrief-duration-unknown = неизвестна: часы компьютера перевели назад до завершения визита
