using LiveOrders.Core.Calendar;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Time;

namespace LiveOrders.Core.Templates;

/// <summary>
/// The due time of an order issued from a template: the term counted from the day it is issued, by the calendar in
/// force, at the end of the working day in the municipality's zone — as <see cref="DefaultDue"/> offers any new order.
/// </summary>
public static class TemplateDue
{
    public static DateTime LocalFrom(Term term, DateOnly issuedOn, WorkingCalendar calendar) =>
        DefaultDue.LocalFrom(issuedOn.ToDateTime(TimeOnly.MinValue), calendar, term).Local;

    /// <summary>As stored (UTC), for an order issued today.</summary>
    public static DateTime FromToday(Term term, MunicipalTime time, WorkingCalendar calendar) =>
        DefaultDue.For(time, calendar, term).Utc;

    /// <summary>
    /// The term an order due on <paramref name="dueDay"/>, issued on <paramref name="from"/>, was given, in working days
    /// (at least one): what a template saved from that order keeps.
    /// </summary>
    public static Term TermUntil(DateOnly from, DateOnly dueDay, WorkingCalendar calendar)
    {
        var days = 0;
        for (var day = from.AddDays(1); day <= dueDay && days < Templates.OrderTemplate.MaxTermDays; day = day.AddDays(1))
            if (calendar.IsWorkingDay(day)) days++;
        return new Term(Math.Max(1, days), TermKind.WorkingDays);
    }
}
