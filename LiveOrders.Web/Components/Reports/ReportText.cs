using System.Globalization;

namespace LiveOrders.Web.Components.Reports;

/// <summary>How the reports page writes its figures: «—» where there is nothing to average.</summary>
public static class ReportText
{
    public static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0", Russian) + " %" : "—";

    /// <summary>Days and hours past a day, hours and minutes below it (as the drill-down lists and their exports write it).</summary>
    public static string Duration(TimeSpan? span) => LiveOrders.Core.Reports.ReportDuration.Russian(span);
}
