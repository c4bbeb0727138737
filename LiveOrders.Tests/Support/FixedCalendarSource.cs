using LiveOrders.Core.Calendar;

namespace LiveOrders.Tests.Support;

/// <summary>A calendar that stays as given, for rules tested without a database.</summary>
public sealed class FixedCalendarSource(WorkingCalendar calendar) : IWorkingCalendarSource
{
    public WorkingCalendar Current => calendar;
}
