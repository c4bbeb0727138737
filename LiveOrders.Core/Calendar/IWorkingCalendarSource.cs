namespace LiveOrders.Core.Calendar;

/// <summary>The calendar in force now; an administrator's edit replaces it for every later question.</summary>
public interface IWorkingCalendarSource
{
    WorkingCalendar Current { get; }
}

/// <summary>The shipped calendar alone, until the administrator's stored calendar is wired in.</summary>
public sealed class ShippedCalendarSource : IWorkingCalendarSource
{
    public WorkingCalendar Current => WorkingCalendar.Shipped;
}
