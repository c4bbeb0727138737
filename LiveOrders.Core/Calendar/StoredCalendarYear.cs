namespace LiveOrders.Core.Calendar;

/// <summary>
/// A year of the production calendar as the administrator stored it: its row says the year is filled in (even with
/// no exceptions at all), its days are the exceptions to "Saturday and Sunday are off".
/// </summary>
public sealed class StoredCalendarYear
{
    private readonly List<StoredCalendarDay> _days = [];

    public int Year { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    /// <summary>Who saved it last, as they were named then; «LiveOrders» for the shipped year.</summary>
    public string UpdatedBy { get; private set; } = "";
    public IReadOnlyList<StoredCalendarDay> Days => _days;

    private StoredCalendarYear() { }

    public StoredCalendarYear(CalendarYear year, DateTime at, string by)
    {
        Year = year.Year;
        Replace(year, at, by);
    }

    public CalendarYear ToCalendarYear() => new(Year,
        _days.Where(d => !d.IsWorking).Select(d => d.Date).ToHashSet(),
        _days.Where(d => d.IsWorking).Select(d => d.Date).ToHashSet());

    public void Replace(CalendarYear year, DateTime at, string by)
    {
        if (year.Year != Year) throw new ArgumentException("Другой год.", nameof(year));
        // Only the difference: a day's kind follows from its weekday, so a date kept is kept as it is
        // (and the same date is never removed and added again in one unit of work).
        var wanted = year.WeekdaysOff.Concat(year.WorkedWeekends).ToHashSet();
        _days.RemoveAll(d => !wanted.Contains(d.Date));
        var kept = _days.Select(d => d.Date).ToHashSet();
        _days.AddRange(year.WeekdaysOff.Where(d => !kept.Contains(d)).Select(d => new StoredCalendarDay(d, isWorking: false)));
        _days.AddRange(year.WorkedWeekends.Where(d => !kept.Contains(d)).Select(d => new StoredCalendarDay(d, isWorking: true)));
        UpdatedAt = at;
        UpdatedBy = by;
    }
}

/// <summary>One exception of a stored year: a weekday off (<see cref="IsWorking"/> false) or a worked weekend day.</summary>
public sealed class StoredCalendarDay
{
    public DateOnly Date { get; private set; }
    public int Year { get; private set; }
    public bool IsWorking { get; private set; }

    private StoredCalendarDay() { }

    public StoredCalendarDay(DateOnly date, bool isWorking)
    {
        Date = date;
        Year = date.Year;
        IsWorking = isWorking;
    }
}
