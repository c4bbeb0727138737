using LiveOrders.Core.Calendar;
using LiveOrders.Core.Deadlines;

namespace LiveOrders.Core.Templates;

/// <summary>
/// The term a template keeps. Its due time, when an order is issued from it, is <see cref="DefaultDue"/>'s with that term.
/// </summary>
public static class TemplateDue
{
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
