using System.Globalization;

namespace LiveOrders.Web.Components.Reports;

/// <summary>How the reports page writes its figures: «—» where there is nothing to average.</summary>
public static class ReportText
{
    public static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0", Russian) + " %" : "—";

    /// <summary>Days and hours past a day, hours and minutes below it.</summary>
    public static string Duration(TimeSpan? span) => span switch
    {
        null => "—",
        { TotalDays: >= 1 } s => $"{(int)s.TotalDays} д {s.Hours} ч",
        { TotalHours: >= 1 } s => $"{(int)s.TotalHours} ч {s.Minutes} мин",
        { } s => $"{(int)s.TotalMinutes} мин",
    };
}
