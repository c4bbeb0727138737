namespace LiveOrders.Core.Calendar;

/// <summary>The calendar in force now; an administrator's edit replaces it for every later question.</summary>
public interface IWorkingCalendarSource
{
    WorkingCalendar Current { get; }
}
