using Bunit;
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
    public async Task AnEmployee_IsToldTheReportsAreNotHers()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingClerk);

        var page = ctx.Render<ReportsPage>();

        page.WaitForElement("[data-testid=reports-not-yours]");
        Assert.Empty(page.FindAll("[data-testid=report-table]"));
    }
}
