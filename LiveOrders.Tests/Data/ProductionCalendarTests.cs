using LiveOrders.Core.Calendar;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveOrders.Tests.Data;

/// <summary>The administrator's production calendar: stored, seeded from the shipped year, in force at once, audited.</summary>
public sealed class ProductionCalendarTests : AdministrationFixture
{
    private static readonly DateOnly November4 = new(2026, 11, 4);
    private ProductionCalendar Calendar => Db.Services.GetRequiredService<ProductionCalendar>();
    private IWorkingCalendarSource Source => Db.Services.GetRequiredService<IWorkingCalendarSource>();

    /// <summary>A source as after a restart: reads the database afresh.</summary>
    private StoredCalendarSource Restarted() => new(Db, Db.Time, NullLogger<StoredCalendarSource>.Instance);

    [Fact]
    public async Task TheShippedYear_IsStoredOnFirstRead_AndIsTheStartingContent()
    {
        Assert.False(Source.Current.IsWorkingDay(November4));

        await using var db = Db.CreateDbContext();
        var stored = await db.CalendarYears.Include(y => y.Days).SingleAsync();
        Assert.Equal(2026, stored.Year);
        Assert.Equal(ShippedCalendars.Year2026.WeekdaysOff.Order(), stored.ToCalendarYear().WeekdaysOff.Order());
        Assert.Equal(StoredCalendarSource.ShippedBy, stored.UpdatedBy);
    }

    [Fact]
    public async Task AnAdministratorsSave_IsInForceAtOnce_SurvivesARestart_AndIsAudited()
    {
        var view = (await Calendar.YearAsync(Admin, 2026)).Value!;
        var edited = new CalendarYear(2026, view.Days.WeekdaysOff.Where(d => d != November4).ToHashSet(),
            new HashSet<DateOnly> { new(2026, 11, 7) });   // 4 November and Saturday 7 November worked: a made-up decree

        var saved = await Calendar.SaveAsync(Admin, edited);

        Assert.True(saved.Ok, saved.Message);
        Assert.True(Source.Current.IsWorkingDay(November4));
        Assert.True(Source.Current.IsWorkingDay(new DateOnly(2026, 11, 7)));
        Assert.True(Restarted().Current.IsWorkingDay(November4));
        var entry = (await AuditAsync()).Last();
        Assert.Equal("calendar.changed", entry.Action);
        Assert.Equal("Calendar", entry.EntityType);
        Assert.Contains("4 ноября 2026 (ср): выходной → рабочий", entry.Changes);
        Assert.Contains("7 ноября 2026 (сб): выходной → рабочий", entry.Changes);
        Assert.Equal(Admin.FullName, entry.ActorName);
    }

    [Fact]
    public async Task TheDefaultDue_MovesWithTheAdministratorsCalendar()
    {
        Db.Clock.Set(new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero));   // Monday 2 November, 10:00 local
        Assert.Equal(new DateTime(2026, 11, 6, 18, 0, 0), Db.Time.ToLocal(DefaultDue.For(Db.Time, Source.Current).Utc));   // 3, 5, 6: the 4th is off

        var view = (await Calendar.YearAsync(Admin, 2026)).Value!;
        await Calendar.SaveAsync(Admin, new CalendarYear(2026, view.Days.WeekdaysOff.Where(d => d != November4).ToHashSet(), view.Days.WorkedWeekends));

        Assert.Equal(new DateTime(2026, 11, 5, 18, 0, 0), Db.Time.ToLocal(DefaultDue.For(Db.Time, Source.Current).Utc));
    }

    [Fact]
    public async Task AMissingNextYear_IsReported_UntilTheAdministratorFillsItIn()
    {
        Db.Clock.Set(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));
        Assert.Equal([2026, 2027], Calendar.EditableYears());
        Assert.Equal([2027], Calendar.MissingYears());
        Assert.False((await Calendar.YearAsync(Admin, 2027)).Value!.Stored);
        var term = new Term(10, TermKind.WorkingDays).EndFrom(new DateOnly(2026, 12, 25), Source.Current);
        Assert.True(term.FellBack);

        var saved = await Calendar.SaveAsync(Admin, new CalendarYear(2027,
            new HashSet<DateOnly> { new(2027, 1, 1), new(2027, 1, 4), new(2027, 1, 5), new(2027, 1, 6), new(2027, 1, 7), new(2027, 1, 8) },
            new HashSet<DateOnly>()));

        Assert.True(saved.Ok, saved.Message);
        Assert.Empty(Calendar.MissingYears());
        Assert.False(new Term(10, TermKind.WorkingDays).EndFrom(new DateOnly(2026, 12, 25), Source.Current).FellBack);
        Assert.Equal("calendar.filled", (await AuditAsync()).Last().Action);
    }

    [Fact]
    public async Task ANonAdministrator_IsRefused_AndNothingChanges()
    {
        var refused = await Calendar.SaveAsync(Db.RoadsHead, new CalendarYear(2026, new HashSet<DateOnly>(), new HashSet<DateOnly>()));
        Assert.Equal(LiveOrders.Core.Failure.Forbidden, refused.Failure);
        Assert.False((await Calendar.YearAsync(Db.Deputy, 2026)).Ok);
        Assert.False(Source.Current.IsWorkingDay(November4));
        Assert.Empty(await AuditAsync());
    }

    [Theory]
    [InlineData(2025, 1, 1, false, "2026")]     // a past year
    [InlineData(2028, 1, 3, false, "2026")]     // beyond next year
    [InlineData(2026, 11, 7, false, "суббота")] // a Saturday marked "weekday off"
    [InlineData(2026, 11, 5, true, "будний")]   // a Thursday marked "worked weekend"
    public async Task ABadYear_IsRefusedInRussian_AndNothingIsStored(int year, int month, int day, bool worked, string said)
    {
        var date = new DateOnly(year, month, day);
        HashSet<DateOnly> one = [date], none = [];
        var refused = await Calendar.SaveAsync(Admin, new CalendarYear(year, worked ? none : one, worked ? one : none));

        Assert.Equal(LiveOrders.Core.Failure.Invalid, refused.Failure);
        Assert.Contains(said, refused.Message);
        Assert.False(Source.Current.IsWorkingDay(November4));
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task AnOrderTypesTerm_GivesTheDefaultDue_NeverOnADayOff()
    {
        var types = Db.Services.GetRequiredService<OrderTypes>();
        Db.Clock.Set(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));   // Tuesday 1 December
        var appeal = (await types.CreateAsync(Admin, new OrderTypeInput("Обращение гражданина (59-ФЗ)", 30, TermKind.CalendarDays, false))).Value;
        var item = (await types.ListAsync()).Single(t => t.Id == appeal);

        var due = Db.Time.ToLocal(DefaultDue.For(Db.Time, Source.Current, item.Term).Utc);

        Assert.Equal(new DateTime(2027, 1, 1, 18, 0, 0), due);   // 31 December is off; 2027 is not filled in
    }
}
