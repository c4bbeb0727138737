namespace LiveOrders.Core.Calendar;

/// <summary>
/// One year of the Russian production calendar (производственный календарь), kept as its exceptions to
/// "Saturday and Sunday are off": the weekdays that are off (holidays and days off moved by the
/// government's decree) and the weekend days that are worked instead.
/// </summary>
public sealed record CalendarYear(int Year, IReadOnlySet<DateOnly> WeekdaysOff, IReadOnlySet<DateOnly> WorkedWeekends)
{
    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
            ? WorkedWeekends.Contains(day)
            : !WeekdaysOff.Contains(day);
}
