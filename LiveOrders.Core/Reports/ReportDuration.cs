namespace LiveOrders.Core.Reports;

/// <summary>How the reports write a duration: days and hours past a day, hours and minutes below it, «—» for none.</summary>
public static class ReportDuration
{
    public static string Russian(TimeSpan? span) => span switch
    {
        null => "—",
        { TotalDays: >= 1 } s => $"{(int)s.TotalDays} д {s.Hours} ч",
        { TotalHours: >= 1 } s => $"{(int)s.TotalHours} ч {s.Minutes} мин",
        { } s => $"{(int)s.TotalMinutes} мин",
    };
}
