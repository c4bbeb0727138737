using LiveOrders.Core.Calendar;

namespace LiveOrders.Core.Templates;

public enum RecurrenceKind
{
    /// <summary>Each month on its <see cref="Recurrence.Number"/>-th working day («5-й рабочий день месяца»).</summary>
    MonthlyWorkingDay,
    /// <summary>Each month on a calendar day, moved to the next working day when that day is off.</summary>
    MonthlyDay,
    /// <summary>Each week on <see cref="Recurrence.Weekday"/>, moved to the next working day when that day is off.</summary>
    Weekly,
    /// <summary>Every <see cref="Recurrence.Number"/> working days from the start.</summary>
    EveryWorkingDays,
}

/// <summary>
/// When a recurring order falls, as local dates of the municipality. One rule for a day off: an occurrence whose day is
/// off moves to the next working day (as a term does, ГК РФ ст. 193); when two occurrences land on one day (a weekly
/// Monday inside the New Year holidays moves onto the next Monday) they are one occurrence. A monthly working day past
/// the month's last working day is the last working day.
/// </summary>
public sealed record Recurrence(RecurrenceKind Kind, int Number, DayOfWeek Weekday, DateOnly Start, DateOnly? End, TimeOnly TimeOfDay)
{
    public const int MaxMonthDay = 31;
    public const int MaxWorkingDayOfMonth = 23;
    public const int MaxEveryWorkingDays = 250;

    /// <summary>Why this recurrence cannot be kept, in Russian, or null when it can.</summary>
    public string? Refusal() => Kind switch
    {
        _ when !Enum.IsDefined(Kind) => "Неизвестный вид повторения.",
        RecurrenceKind.MonthlyWorkingDay when Number is < 1 or > MaxWorkingDayOfMonth =>
            $"Номер рабочего дня месяца — от 1 до {MaxWorkingDayOfMonth}.",
        RecurrenceKind.MonthlyDay when Number is < 1 or > MaxMonthDay => "Число месяца — от 1 до 31.",
        RecurrenceKind.Weekly when !Enum.IsDefined(Weekday) => "Выберите день недели.",
        RecurrenceKind.EveryWorkingDays when Number is < 1 or > MaxEveryWorkingDays =>
            $"Интервал — от 1 до {MaxEveryWorkingDays} рабочих дней.",
        _ when End is { } end && end < Start => "Дата окончания раньше даты начала.",
        _ => null,
    };

    /// <summary>The occurrence dates on or after <paramref name="from"/>, ascending, each once, until <see cref="End"/>.</summary>
    public IEnumerable<DateOnly> DatesFrom(DateOnly from, WorkingCalendar calendar)
    {
        DateOnly? last = null;
        foreach (var nominal in NominalDatesFrom(from, calendar))
        {
            var day = Kind == RecurrenceKind.EveryWorkingDays ? nominal : calendar.OnOrAfter(nominal);
            if (End is { } end && day > end) yield break;
            if (day < from || day < Start || day == last) continue;
            last = day;
            yield return day;
        }
    }

    /// <summary>The rule's own days, from a little before <paramref name="from"/> (a day moved off a holiday may land after it).</summary>
    private IEnumerable<DateOnly> NominalDatesFrom(DateOnly from, WorkingCalendar calendar)
    {
        var begin = from < Start ? Start : from;
        switch (Kind)
        {
            case RecurrenceKind.MonthlyWorkingDay:
            case RecurrenceKind.MonthlyDay:
                for (var month = new DateOnly(begin.Year, begin.Month, 1).AddMonths(-1); month.Year < 9999; month = month.AddMonths(1))
                    yield return Kind == RecurrenceKind.MonthlyDay
                        ? month.AddDays(Math.Min(Number, DateTime.DaysInMonth(month.Year, month.Month)) - 1)
                        : calendar.NthWorkingDay(month.Year, month.Month, Number) ?? LastWorkingDay(month, calendar);
                yield break;
            case RecurrenceKind.Weekly:
                // Back far enough for a Monday moved through the longest run of days off (the New Year holidays).
                var day = begin.AddDays(-21);
                day = day.AddDays(((int)Weekday - (int)day.DayOfWeek + 7) % 7);
                for (; day.Year < 9999; day = day.AddDays(7)) yield return day;
                yield break;
            case RecurrenceKind.EveryWorkingDays:
                for (var d = calendar.OnOrAfter(Start); d.Year < 9999; d = calendar.AddWorkingDays(d, Number)) yield return d;
                yield break;
        }
    }

    private static DateOnly LastWorkingDay(DateOnly month, WorkingCalendar calendar)
    {
        var day = month.AddMonths(1).AddDays(-1);
        while (!calendar.IsWorkingDay(day)) day = day.AddDays(-1);
        return day;
    }

    /// <summary>What a person reads: «ежемесячно, 5-й рабочий день, в 09:00».</summary>
    public string Describe() => Kind switch
    {
        RecurrenceKind.MonthlyWorkingDay => $"ежемесячно, {Number}-й рабочий день",
        RecurrenceKind.MonthlyDay => $"ежемесячно, {Number}-го числа (с переносом на рабочий день)",
        RecurrenceKind.Weekly => $"еженедельно, {WeekdayName(Weekday)} (с переносом на рабочий день)",
        RecurrenceKind.EveryWorkingDays => $"каждые {Number} раб. дн.",
        _ => "",
    } + $", в {TimeOfDay:HH\\:mm}";

    public static string WeekdayName(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "понедельник",
        DayOfWeek.Tuesday => "вторник",
        DayOfWeek.Wednesday => "среда",
        DayOfWeek.Thursday => "четверг",
        DayOfWeek.Friday => "пятница",
        DayOfWeek.Saturday => "суббота",
        _ => "воскресенье",
    };
}
