using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Reports;
using MudBlazor;

namespace LiveOrders.Tests.Components.Reports;

/// <summary>The reports page shows Core's figures for the current month, and only to whom Core allows them.</summary>
public sealed class ReportsPageTests
{
    [Fact]
    public async Task ADeputyHead_SeesThisMonthsFigures_OfTheDepartmentsSheSupervises()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SendRoadsToHousingAsync();
        await database.SendRoadsToHousingAsync("Убрать снег");
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        ctx.Render<MudPopoverProvider>();

        var page = ctx.Render<ReportsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=report-row]").Count));
        var housing = page.Find($"[data-testid=report-row][data-department=\"{database.Housing.Id}\"]");
        Assert.Equal("2", housing.QuerySelector("[data-testid=received]")!.TextContent);
        Assert.Equal("0", housing.QuerySelector("[data-testid=done]")!.TextContent);
        Assert.Equal("—", housing.QuerySelector("[data-testid=on-time]")!.TextContent);
        Assert.Empty(page.FindAll($"[data-testid=report-row][data-department=\"{database.Finance.Id}\"]"));
    }

    [Fact]
    public async Task ThePeriodAndDepartmentsInTheAddress_AreTheReportShown_AndOnesOutsideTheScopeAreDropped()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SendRoadsToHousingAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        ctx.Render<MudPopoverProvider>();
        var today = DateOnly.FromDateTime(database.Time.LocalNow);
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"/reports?from={today.AddYears(-1):yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}&departments={database.Housing.Id},{database.Finance.Id}");

        var page = ctx.Render<ReportsPage>();

        // Only ЖКХ (finance is not hers), over a period that ended yesterday: the order sent today is not in it.
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=report-row]")));
        var housing = page.Find($"[data-testid=report-row][data-department=\"{database.Housing.Id}\"]");
        Assert.Equal("0", housing.QuerySelector("[data-testid=received]")!.TextContent);
        Assert.Equal(today.AddYears(-1).ToString("dd.MM.yyyy"), page.Find("[data-testid=report-from]").GetAttribute("value"));
    }

    [Fact]
    public async Task AChosenPeriod_IsWrittenIntoTheAddress_InPlaceOfTheCurrentEntry()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        ctx.Render<MudPopoverProvider>();
        var navigation = (BunitNavigationManager)ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/reports");
        var page = ctx.Render<ReportsPage>();
        page.WaitForElement("[data-testid=report-table]");

        page.Find("[data-testid=report-year]").Click();

        var year = database.Time.LocalNow.Year;
        page.WaitForAssertion(() => Assert.EndsWith($"/reports?from={year}-01-01&to={year}-12-31", navigation.Uri));
        Assert.True(navigation.History.First().Options.ReplaceHistoryEntry);
    }

    [Fact]
    public async Task AnEmployee_IsToldTheReportsAreNotHers()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingClerk);

        var page = ctx.Render<ReportsPage>();

        page.WaitForElement("[data-testid=reports-not-yours]");
        Assert.Empty(page.FindAll("[data-testid=report-table]"));
    }
}
