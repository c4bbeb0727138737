using System.Globalization;
using LiveOrders.Core.Audit;
using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Calendar;

/// <summary>A year as the administrator sees it: its days off and worked weekends, and whether it is filled in at all.</summary>
public sealed record CalendarYearView(CalendarYear Days, bool Stored, DateTime? UpdatedAt, string? UpdatedBy);

/// <summary>
/// The administrator's production calendar: this year and the next, read and saved whole. A save is recorded in
/// the administration's log, day by day, and is in force at once for every due date and deadline.
/// </summary>
public sealed class ProductionCalendar(IDbContextFactory<LiveOrdersDbContext> dbFactory, StoredCalendarSource source, MunicipalTime time)
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>Raised after a save put a calendar in force: warnings and forms look again.</summary>
    public event Action? Changed
    {
        add => source.Changed += value;
        remove => source.Changed -= value;
    }

    /// <summary>The years the administrator keeps: the current one and the next.</summary>
    public IReadOnlyList<int> EditableYears()
    {
        var year = time.LocalNow.Year;
        return [year, year + 1];
    }

    /// <summary>The editable years the calendar does not know: their terms in working days are counted in calendar days.</summary>
    public IReadOnlyList<int> MissingYears() => EditableYears().Where(y => !source.Current.Knows(y)).ToList();

    /// <summary>The warning shown to the administrator for a missing year.</summary>
    public static string MissingWarning(int year) =>
        $"Календарь на {year} год не заполнен: сроки в рабочих днях считаются в календарных.";

    public async Task<Result<CalendarYearView>> YearAsync(Actor actor, int year, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageOrganization(actor)) return Result<CalendarYearView>.From(Result.Forbidden(AdminOnly));
        EnsureShippedStored();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.CalendarYears.Include(y => y.Days).AsNoTracking().FirstOrDefaultAsync(y => y.Year == year, ct);
        return stored is null
            ? new CalendarYearView(new CalendarYear(year, new HashSet<DateOnly>(), new HashSet<DateOnly>()), false, null, null)
            : new CalendarYearView(stored.ToCalendarYear(), true, stored.UpdatedAt, stored.UpdatedBy);
    }

    /// <summary>Stores the year whole (replacing what was stored), records the changed days, and puts it in force.</summary>
    public async Task<Result> SaveAsync(Actor actor, CalendarYear year, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageOrganization(actor)) return Result.Forbidden(AdminOnly);
        if (!EditableYears().Contains(year.Year))
            return Result.Invalid($"Календарь можно править на {string.Join(" и ", EditableYears())} год.", "year");
        if (Refusal(year) is { } refusal) return Result.Invalid(refusal, "days");

        EnsureShippedStored();
        var now = time.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.CalendarYears.Include(y => y.Days).FirstOrDefaultAsync(y => y.Year == year.Year, ct);
        var before = stored?.ToCalendarYear();
        if (stored is null) db.CalendarYears.Add(new StoredCalendarYear(year, now, actor.FullName));
        else stored.Replace(year, now, actor.FullName);
        var changes = Changes(before, year);
        db.AuditEntries.Add(AuditEntry.Create(now, actor.EmployeeId, actor.FullName, before is null ? "calendar.filled" : "calendar.changed",
            "Calendar", year.Year.ToString(CultureInfo.InvariantCulture),
            before is null ? $"Заполнен производственный календарь на {year.Year} год" : $"Изменён производственный календарь на {year.Year} год",
            changes));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Result.Conflict("Календарь этого года только что сохранил другой администратор. Откройте страницу заново.");
        }
        var current = source.Current;
        source.Replace(new WorkingCalendar(current.Years.Where(y => y != year.Year).Select(y => current.Year(y)!).Append(year)));
        return Result.Success;
    }

    // The source stores the shipped year on its first read: before that, the table may not hold it yet.
    private void EnsureShippedStored() => _ = source.Current;

    /// <summary>Why a year cannot be stored: a date outside it, a "weekday off" on a weekend, a "worked weekend" on a weekday.</summary>
    public static string? Refusal(CalendarYear year)
    {
        if (year.WeekdaysOff.Concat(year.WorkedWeekends).FirstOrDefault(d => d.Year != year.Year) is { Year: > 1 } outside)
            return $"Дата {outside:dd.MM.yyyy} не относится к {year.Year} году.";
        if (year.WeekdaysOff.FirstOrDefault(IsWeekend) is { Year: > 1 } weekend)
            return $"{weekend:dd.MM.yyyy} — суббота или воскресенье, он и так выходной.";
        if (year.WorkedWeekends.FirstOrDefault(d => !IsWeekend(d)) is { Year: > 1 } weekday)
            return $"{weekday:dd.MM.yyyy} — будний день, он и так рабочий.";
        return null;
    }

    private static bool IsWeekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static List<string> Changes(CalendarYear? before, CalendarYear after)
    {
        var was = before ?? new CalendarYear(after.Year, new HashSet<DateOnly>(), new HashSet<DateOnly>());
        var days = was.WeekdaysOff.Concat(was.WorkedWeekends).Concat(after.WeekdaysOff).Concat(after.WorkedWeekends).Distinct().Order();
        return days.Where(d => was.IsWorkingDay(d) != after.IsWorkingDay(d))
            .Select(d => $"{d.ToString("d MMMM yyyy (ddd)", Russian)}: {Kind(was, d)} → {Kind(after, d)}").ToList();
    }

    private static string Kind(CalendarYear year, DateOnly day) => year.IsWorkingDay(day) ? "рабочий" : "выходной";

    private const string AdminOnly = "Производственный календарь ведёт только администратор.";
}
