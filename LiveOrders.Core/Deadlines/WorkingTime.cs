using LiveOrders.Core.Calendar;

namespace LiveOrders.Core.Deadlines;

/// <summary>
/// Spans of working time: the hours of working days by the production calendar, in the municipality's local time
/// (a working day counts whole, 00:00–24:00; weekends and holidays not at all). «24 рабочих часа» before a Monday
/// 10:00 due time is the Friday 10:00 before it; 24 working hours after a Friday 18:00 is the Monday 18:00 after.
/// <para>
/// The watcher asks both ways and they must agree exactly, or it would fetch an order it does not act on (or the
/// reverse). With W(a, b) the working time between a and b: <see cref="Before"/>(due, s) is the earliest t with
/// W(t, due) ≤ s and <see cref="LatestEndWithin"/>(now, s) the latest d with W(now, d) ≤ s, so
/// Before(due, s) ≤ now ⇔ due ≤ LatestEndWithin(now, s); likewise <see cref="After"/> (earliest t with W(due, t) ≥ s)
/// and <see cref="LatestStartBefore"/> (latest d with W(d, now) ≥ s). All arithmetic is in ticks: exact.
/// </para>
/// </summary>
public static class WorkingTime
{
    private static DateTime DayStart(DateTime local) => local.Date;

    /// <summary>The local date whose interval holds the instant just before <paramref name="t"/>.</summary>
    private static DateOnly DayBefore(DateTime t) => DateOnly.FromDateTime(t.TimeOfDay == TimeSpan.Zero ? t.AddDays(-1) : t);

    /// <summary>The earliest t with W(t, <paramref name="end"/>) ≤ <paramref name="span"/>.</summary>
    public static DateTime Before(DateTime end, TimeSpan span, WorkingCalendar calendar)
    {
        var t = end;
        var left = span;
        while (true)
        {
            var day = DayBefore(t);
            var start = day.ToDateTime(TimeOnly.MinValue);
            if (calendar.IsWorkingDay(day))
            {
                if (left == TimeSpan.Zero) return t;
                var available = t - start;
                if (available > left) return t - left;
                left -= available;
            }
            t = start;
        }
    }

    /// <summary>The latest d with W(<paramref name="start"/>, d) ≤ <paramref name="span"/>.</summary>
    public static DateTime LatestEndWithin(DateTime start, TimeSpan span, WorkingCalendar calendar)
    {
        var t = start;
        var left = span;
        while (true)
        {
            var day = DateOnly.FromDateTime(t);
            var end = DayStart(t).AddDays(1);
            if (calendar.IsWorkingDay(day))
            {
                var available = end - t;
                if (available > left) return t + left;
                left -= available;
            }
            t = end;
        }
    }

    /// <summary>The earliest t with W(<paramref name="start"/>, t) ≥ <paramref name="span"/>.</summary>
    public static DateTime After(DateTime start, TimeSpan span, WorkingCalendar calendar)
    {
        var t = start;
        var left = span;
        while (true)
        {
            if (left == TimeSpan.Zero) return t;
            var day = DateOnly.FromDateTime(t);
            var end = DayStart(t).AddDays(1);
            if (calendar.IsWorkingDay(day))
            {
                var available = end - t;
                if (available >= left) return t + left;
                left -= available;
            }
            t = end;
        }
    }

    /// <summary>The latest d with W(d, <paramref name="end"/>) ≥ <paramref name="span"/>.</summary>
    public static DateTime LatestStartBefore(DateTime end, TimeSpan span, WorkingCalendar calendar)
    {
        var t = end;
        var left = span;
        while (true)
        {
            if (left == TimeSpan.Zero) return t;
            var day = DayBefore(t);
            var start = day.ToDateTime(TimeOnly.MinValue);
            if (calendar.IsWorkingDay(day))
            {
                var available = t - start;
                if (available >= left) return t - left;
                left -= available;
            }
            t = start;
        }
    }
}
