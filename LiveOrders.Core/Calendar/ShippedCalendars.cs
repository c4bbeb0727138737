namespace LiveOrders.Core.Calendar;

/// <summary>
/// The production calendars LiveOrders ships with. 2026: the Labour Code's holidays (art. 112) and the
/// decree's moves — 3 January (Saturday) to 9 January, 4 January (Sunday) to 31 December; 8 March
/// (Sunday) gives 9 March, 9 May (Saturday) gives 11 May. No weekend day is worked in 2026.
/// Later years are entered by an administrator when their decree is published.
/// </summary>
public static class ShippedCalendars
{
    public static CalendarYear Year2026 { get; } = new(
        2026,
        Days(2026, (1, 1), (1, 2), (1, 5), (1, 6), (1, 7), (1, 8), (1, 9),
            (2, 23), (3, 9), (5, 1), (5, 11), (6, 12), (11, 4), (12, 31)),
        Days(2026));

    private static HashSet<DateOnly> Days(int year, params (int Month, int Day)[] days) =>
        days.Select(d => new DateOnly(year, d.Month, d.Day)).ToHashSet();
}
