namespace LiveOrders.Core.Calendar;

/// <summary>
/// Which days are working days, by the production calendar of the years it knows. A year it does
/// not know is not guessed: <see cref="Knows"/> says so, and callers count such a term in calendar
/// days (and warn the administrator) rather than invent holidays. Saturdays and Sundays of an
/// unknown year are still days off, so a due date never lands on a weekend.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly Dictionary<int, CalendarYear> _years;

    public WorkingCalendar(IEnumerable<CalendarYear> years) => _years = years.ToDictionary(y => y.Year);

    /// <summary>The calendar shipped with LiveOrders: the current year's decree.</summary>
    public static WorkingCalendar Shipped { get; } = new([ShippedCalendars.Year2026]);

    public IReadOnlyCollection<int> Years => _years.Keys;

    public bool Knows(int year) => _years.ContainsKey(year);

    public CalendarYear? Year(int year) => _years.GetValueOrDefault(year);

    public bool IsWorkingDay(DateOnly day) =>
        _years.TryGetValue(day.Year, out var year)
            ? year.IsWorkingDay(day)
            : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The day itself when it is a working day, otherwise the next working day.</summary>
    public DateOnly OnOrAfter(DateOnly day)
    {
        while (!IsWorkingDay(day)) day = day.AddDays(1);
        return day;
    }

    /// <summary>The day <paramref name="workingDays"/> working days after <paramref name="from"/>, which itself does not count.</summary>
    public DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = from;
        for (var left = workingDays; left > 0;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) left--;
        }
        return day;
    }

    /// <summary>The <paramref name="n"/>-th working day of a month (1-based), or null when the month has fewer.</summary>
    public DateOnly? NthWorkingDay(int year, int month, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var seen = 0;
        for (var day = new DateOnly(year, month, 1); day.Month == month; day = day.AddDays(1))
            if (IsWorkingDay(day) && ++seen == n) return day;
        return null;
    }
}
