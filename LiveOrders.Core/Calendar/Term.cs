namespace LiveOrders.Core.Calendar;

public enum TermKind
{
    /// <summary>Working days by the production calendar (the usual term in administrative practice).</summary>
    WorkingDays,
    /// <summary>Calendar days, as 59-ФЗ counts the 30 days for a citizen's appeal.</summary>
    CalendarDays,
}

/// <summary>A term for doing an order, as a regulation or an order type states it: «5 рабочих дней», «30 дней».</summary>
public readonly record struct Term(int Days, TermKind Kind)
{
    /// <summary>
    /// The day a term started on <paramref name="from"/> ends (the start day itself does not count), never a day off:
    /// a term in calendar days that ends on a day off moves to the next working day (ГК РФ, ст. 193).
    /// A term in working days that reaches a year the calendar does not know is counted in calendar
    /// days instead, and <see cref="TermEnd.FellBack"/> says so, so that the administrator can be warned.
    /// </summary>
    public TermEnd EndFrom(DateOnly from, WorkingCalendar calendar)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Days);
        if (Kind == TermKind.WorkingDays)
        {
            var end = calendar.AddWorkingDays(from, Days);
            if (calendar.Knows(from.Year) && calendar.Knows(end.Year)) return new(end, FellBack: false);
        }
        var calendarEnd = calendar.OnOrAfter(from.AddDays(Days));
        return new(calendarEnd, FellBack: Kind == TermKind.WorkingDays);
    }
}

/// <summary>Where a term ends, and whether a missing calendar year made it count calendar days.</summary>
public readonly record struct TermEnd(DateOnly Day, bool FellBack);
