using Bunit;
using LiveOrders.Core.Calendar;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveOrders.Tests.Components.Admin;

/// <summary>The production calendar's grid and page: a year as twelve months, a click per day, saved whole by an administrator.</summary>
public sealed class CalendarPageTests
{
    private static async Task<Actor> AdministratorAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var admin = new Employee { FullName = "Админов Админ", Position = "Администратор", DepartmentId = database.Finance.Id, Role = Role.Administrator };
        db.Employees.Add(admin);
        await db.SaveChangesAsync();
        return new Actor(admin.Id, admin.FullName, admin.DepartmentId, admin.Role, []);
    }

    [Fact]
    public async Task TheGrid_ShowsTwelveMonths_MondayFirst_WithTheHolidaysOff_AndAClickTurnsADay()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);
        var edit = new CalendarEdit(ShippedCalendars.Year2026);
        var toggled = new List<DateOnly>();

        var grid = ctx.Render<CalendarYearGrid>(p => p.Add(g => g.Edit, edit).Add(g => g.OnToggle, (DateOnly d) => { edit.Toggle(d); toggled.Add(d); }));

        Assert.Equal(12, grid.FindAll("[data-testid=calendar-month]").Count);
        Assert.Equal(365, grid.FindAll("[data-testid=calendar-day]").Count);
        // 1 November 2026 is a Sunday: six blanks before it in a Monday-first week.
        var november = grid.FindAll("[data-testid=calendar-month]")[10];
        Assert.Equal(6, november.QuerySelectorAll(".lo-cal-blank").Length);
        var holiday = grid.Find("[data-date='2026-11-04']");
        Assert.Equal("off", holiday.GetAttribute("data-state"));
        Assert.Contains("exception", holiday.ClassName);
        Assert.Equal("working", grid.Find("[data-date='2026-11-05']").GetAttribute("data-state"));
        Assert.Equal("off", grid.Find("[data-date='2026-11-07']").GetAttribute("data-state"));   // a Saturday

        holiday.Click();
        grid.Render();

        Assert.Equal([new DateOnly(2026, 11, 4)], toggled);
        var now = grid.Find("[data-date='2026-11-04']");
        Assert.Equal("working", now.GetAttribute("data-state"));
        Assert.Contains("changed", now.ClassName);
        Assert.Contains("не сохранено", now.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task AnAdministrator_TurnsAHolidayIntoAWorkingDay_AndSaves_InForceAtOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        ctx.Render<MudPopoverProvider>();
        ctx.Render<MudSnackbarProvider>();

        var page = ctx.Render<CalendarPage>();

        // 2027 is not filled in, so the page opens it first; the administrator switches to 2026.
        page.WaitForElement("[data-testid=calendar-year][data-year='2027']");
        page.Find("[data-testid=calendar-year-tab][data-year='2026']").Click();
        page.WaitForElement("[data-date='2026-11-04']");
        Assert.Equal("Рабочих дней: 247", page.Find("[data-testid=calendar-working-days]").TextContent);
        Assert.True(page.Find("[data-testid=calendar-save]").HasAttribute("disabled"));
        page.Find("[data-date='2026-11-04']").Click();
        Assert.Equal("Рабочих дней: 248", page.Find("[data-testid=calendar-working-days]").TextContent);
        page.Find("[data-testid=calendar-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("Админов Админ", page.Find("[data-testid=calendar-saved-by]").TextContent));
        Assert.True(database.Services.GetRequiredService<IWorkingCalendarSource>().Current.IsWorkingDay(new DateOnly(2026, 11, 4)));
        Assert.DoesNotContain("changed", page.Find("[data-date='2026-11-04']").ClassName);
        await using var db = database.CreateDbContext();
        Assert.Contains("4 ноября 2026", (await db.AuditEntries.SingleAsync()).Changes);
    }

    [Fact]
    public async Task AMissingNextYear_IsOpenedFirst_WithAWarning_ThatGoesWhenItIsSaved()
    {
        await using var database = await TestDatabase.CreateAsync();
        database.Clock.Set(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        ctx.Render<MudPopoverProvider>();
        ctx.Render<MudSnackbarProvider>();

        var menu = ctx.Render<CalendarWarning>(p => p.Add(w => w.Compact, true));   // the line in the administrator's menu
        var page = ctx.Render<CalendarPage>();

        page.WaitForElement("[data-testid=calendar-year][data-year='2027']");
        const string warning = "Календарь на 2027 год не заполнен: сроки в рабочих днях считаются в календарных";
        Assert.Contains(warning, page.Find("[data-testid=calendar-year-missing]").TextContent);
        Assert.Contains(warning, menu.Find("[data-testid=calendar-warning-nav]").TextContent);
        page.Find("[data-date='2027-01-01']").Click();
        page.Find("[data-testid=calendar-save]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=calendar-year-missing]")));
        menu.WaitForAssertion(() => Assert.Empty(menu.FindAll("[data-testid=calendar-warning-nav]")));
        Assert.Empty(page.FindAll("[data-testid=calendar-warning]"));
        Assert.False(database.Services.GetRequiredService<IWorkingCalendarSource>().Current.IsWorkingDay(new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public async Task WhileTheCurrentYearIsOpen_TheMissingNextYearIsStillNamed()
    {
        await using var database = await TestDatabase.CreateAsync();
        database.Clock.Set(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        ctx.Render<MudPopoverProvider>();

        var page = ctx.Render<CalendarPage>();
        page.WaitForElement("[data-testid=calendar-year][data-year='2027']");
        page.Find("[data-testid=calendar-year-tab][data-year='2026']").Click();

        page.WaitForElement("[data-testid=calendar-year][data-year='2026']");
        Assert.Contains("Календарь на 2027 год не заполнен", page.Find("[data-testid=calendar-warning]").TextContent);
    }

    [Theory]
    [InlineData("Deputy")]
    [InlineData("Controller")]
    [InlineData("RoadsHead")]
    public async Task AnyoneButAnAdministrator_GetsNoCalendar(string who)
    {
        await using var database = await TestDatabase.CreateAsync();
        var actor = (Actor)typeof(TestDatabase).GetProperty(who)!.GetValue(database)!;
        await using var ctx = await ComponentTest.CreateAsync(database, actor);

        var page = ctx.Render<CalendarPage>();

        page.WaitForElement("[data-testid=admin-only]");
        Assert.Empty(page.FindAll("[data-testid=calendar-day]"));
        Assert.Empty(page.FindAll("[data-testid=calendar-warning]"));
    }
}
