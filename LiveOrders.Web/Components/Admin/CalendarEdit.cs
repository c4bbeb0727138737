using LiveOrders.Core.Calendar;

namespace LiveOrders.Web.Components.Admin;

/// <summary>
/// The year the administrator is editing on the calendar page: a click turns a day into the opposite of what it is
/// (a weekday off, a worked weekend, or back to the rule), and the page saves the whole year at once.
/// </summary>
public sealed class CalendarEdit
{
    private readonly HashSet<DateOnly> _weekdaysOff;
    private readonly HashSet<DateOnly> _workedWeekends;
    private readonly CalendarYear _saved;

    public CalendarEdit(CalendarYear year)
    {
        _saved = year;
        _weekdaysOff = [.. year.WeekdaysOff];
        _workedWeekends = [.. year.WorkedWeekends];
    }

    public int Year => _saved.Year;

    public bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    public bool IsWorkingDay(DateOnly day) => IsWeekend(day) ? _workedWeekends.Contains(day) : !_weekdaysOff.Contains(day);

    /// <summary>Whether the day departs from "Saturday and Sunday are off" (a holiday or a moved day).</summary>
    public bool IsException(DateOnly day) => _weekdaysOff.Contains(day) || _workedWeekends.Contains(day);

    /// <summary>Whether the day differs from what is stored: shown until saved.</summary>
    public bool IsChanged(DateOnly day) => IsWorkingDay(day) != _saved.IsWorkingDay(day);

    public bool IsDirty => !_weekdaysOff.SetEquals(_saved.WeekdaysOff) || !_workedWeekends.SetEquals(_saved.WorkedWeekends);

    public int WorkingDays
    {
        get
        {
            var count = 0;
            for (var day = new DateOnly(Year, 1, 1); day.Year == Year; day = day.AddDays(1))
                if (IsWorkingDay(day)) count++;
            return count;
        }
    }

    public void Toggle(DateOnly day)
    {
        if (day.Year != Year) return;
        var set = IsWeekend(day) ? _workedWeekends : _weekdaysOff;
        if (!set.Remove(day)) set.Add(day);
    }

    /// <summary>Takes a whole year read from a file: shown as changes until saved.</summary>
    public void Load(CalendarYear year)
    {
        if (year.Year != Year) throw new ArgumentException("Другой год.", nameof(year));
        _weekdaysOff.Clear();
        _weekdaysOff.UnionWith(year.WeekdaysOff);
        _workedWeekends.Clear();
        _workedWeekends.UnionWith(year.WorkedWeekends);
    }

    public CalendarYear ToCalendarYear() => new(Year, _weekdaysOff.ToHashSet(), _workedWeekends.ToHashSet());
}
