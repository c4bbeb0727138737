using System.Globalization;

namespace LiveOrders.Web.Infrastructure;

/// <summary>A day in a query string, as the report and audit downloads and the drill-down page write it: <c>2026-03-31</c>.</summary>
public static class QueryDay
{
    public const string Format = "yyyy-MM-dd";

    public static string Write(DateOnly day) => day.ToString(Format, CultureInfo.InvariantCulture);

    public static bool TryRead(string? value, out DateOnly day) =>
        DateOnly.TryParseExact(value, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>A filter's day that may be left out: none when empty, false only for a value that is not a day.</summary>
    public static bool TryReadOptional(string? value, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrEmpty(value)) return true;
        if (!TryRead(value, out var parsed)) return false;
        day = parsed;
        return true;
    }
}
