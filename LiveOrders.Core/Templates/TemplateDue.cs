using LiveOrders.Core.Calendar;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Time;

namespace LiveOrders.Core.Templates;

/// <summary>
/// The due time of an order issued from a template: the term counted from the day it is issued, by the calendar in
/// force, at the end of the working day (<see cref="WorkingDays.EndOfDay"/>) in the municipality's zone.
/// </summary>
public static class TemplateDue
{
    public static DateTime LocalFrom(Term term, DateOnly issuedOn, WorkingCalendar calendar) =>
        term.EndFrom(issuedOn, calendar).Day.ToDateTime(WorkingDays.EndOfDay);

    /// <summary>As stored (UTC), for an order issued today.</summary>
    public static DateTime FromToday(Term term, MunicipalTime time, WorkingCalendar calendar) =>
        time.ToUtc(LocalFrom(term, DateOnly.FromDateTime(time.LocalNow), calendar));
}
