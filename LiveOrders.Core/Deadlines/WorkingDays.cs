using LiveOrders.Core.Time;

namespace LiveOrders.Core.Deadlines;

/// <summary>
/// The due time a new order is offered: a few working days ahead, at the end of the working day,
/// in the municipality's zone. Weekends are skipped so that an order written on Thursday is not
/// due on Sunday evening, when nobody is there to do it.
/// </summary>
public static class WorkingDays
{
    public const int DefaultLead = 3;
    public static readonly TimeOnly EndOfDay = new(18, 0);

    public static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The day <paramref name="workingDays"/> working days after <paramref name="from"/> (which itself does not count).</summary>
    public static DateOnly After(DateOnly from, int workingDays)
    {
        var day = from;
        for (var left = workingDays; left > 0;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) left--;
        }
        return day;
    }

    /// <summary>The default due date-and-time, in local time: <see cref="DefaultLead"/> working days after today, at <see cref="EndOfDay"/>.</summary>
    public static DateTime DefaultDueLocal(DateTime localNow) =>
        After(DateOnly.FromDateTime(localNow), DefaultLead).ToDateTime(EndOfDay);

    /// <summary>The default due time as stored (UTC).</summary>
    public static DateTime DefaultDue(MunicipalTime time) => time.ToUtc(DefaultDueLocal(time.LocalNow));
}
