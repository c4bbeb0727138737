using LiveOrders.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LiveOrders.Core.Calendar;

/// <summary>
/// The production calendar the administrator keeps in the database, read once and held: every due date and
/// deadline asks it, so it is never read per question. An administrator's save replaces it at once
/// (<see cref="Replace"/>). A year the database does not hold but LiveOrders ships (2026) is stored on first
/// read, so the shipped year is the administrator's starting point and hers to correct.
/// </summary>
public sealed class StoredCalendarSource(IDbContextFactory<LiveOrdersDbContext> dbFactory, Time.MunicipalTime time, ILogger<StoredCalendarSource> logger) : IWorkingCalendarSource
{
    private readonly Lock _loading = new();
    private WorkingCalendar? _current;

    /// <summary>Raised after the administrator's calendar replaced the one in force (screens may recompute a default).</summary>
    public event Action? Changed;

    public WorkingCalendar Current
    {
        get
        {
            if (Volatile.Read(ref _current) is { } current) return current;
            lock (_loading)
            {
                _current ??= Load();
                return _current;
            }
        }
    }

    /// <summary>Puts the calendar just saved in force for every later question.</summary>
    public void Replace(WorkingCalendar calendar)
    {
        Volatile.Write(ref _current, calendar);
        Changed?.Invoke();
    }

    /// <summary>Reads the stored years again (after a change made elsewhere, e.g. by another node or a test).</summary>
    public void Reload() => Replace(Load());

    private WorkingCalendar Load()
    {
        // Synchronous on purpose: Current is a property asked from pure arithmetic; it is read once per process.
        using var db = dbFactory.CreateDbContext();
        var stored = db.CalendarYears.Include(y => y.Days).AsNoTracking().ToList();
        foreach (var shipped in WorkingCalendar.Shipped.Years.Where(y => stored.All(s => s.Year != y)))
        {
            var year = new StoredCalendarYear(WorkingCalendar.Shipped.Year(shipped)!, time.UtcNow, ShippedBy);
            db.CalendarYears.Add(year);
            try
            {
                db.SaveChanges();
                stored.Add(year);
            }
            catch (DbUpdateException e)
            {
                // Another node stored it first: theirs is the same shipped year.
                logger.LogInformation(e, "Calendar year {Year} was stored meanwhile", shipped);
                db.ChangeTracker.Clear();
                stored = db.CalendarYears.Include(y => y.Days).AsNoTracking().ToList();
            }
        }
        return new WorkingCalendar(stored.Select(y => y.ToCalendarYear()));
    }

    public const string ShippedBy = "LiveOrders (поставляемый календарь)";
}
