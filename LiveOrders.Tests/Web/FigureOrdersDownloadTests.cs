using System.Net;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Reports;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>
/// The download of the orders behind a report figure over real HTTP, on the demo municipality: as many rows as the
/// figure, and a bad or foreign query refused with a Russian ProblemDetails, never a 500.
/// </summary>
public sealed class FigureOrdersDownloadTests(OrderExportTests.World world) : IClassFixture<OrderExportTests.World>
{
    [Fact]
    public async Task TheReceivedListOfADepartment_AsCsv_HasAsManyRowsAsTheFigure()
    {
        var deputy = await world.App.ActorAsync("deputy2");
        var housing = (await world.App.Services.GetRequiredService<OrderQueries>().DepartmentsAsync()).Single(d => d.ShortName == "ЖКХ");
        var month = world.Time.LocalNow;
        var period = new ReportPeriod(new DateOnly(month.Year, month.Month, 1), new DateOnly(month.Year, month.Month, 1).AddMonths(1));
        var figure = (await world.App.Services.GetRequiredService<ReportQueries>().DepartmentFiguresAsync(deputy, period, [housing.Id])).Value!.Single();
        var query = new LiveOrders.Web.Components.Reports.FigureQuery(ReportFigure.Received, period, [housing.Id]);

        var rows = await world.CsvAsync(await world.App.SignedInAsync("deputy2"), query.ExportUrl(LiveOrders.Core.Exports.ExportFormat.Csv));

        Assert.Equal("Поступило", rows[0][5]);
        Assert.True(figure.Received > 0, "the demo municipality receives orders every month");
        Assert.Equal(figure.Received, rows.Count - 1);
    }

    [Theory]
    [InlineData("format=xlsx&figure=Bogus&from=2026-11-01&to=2026-11-30", HttpStatusCode.BadRequest, ReportFigureText.Unknown)]
    [InlineData("format=xlsx&figure=Done&from=2026-11-02&to=2026-11-01", HttpStatusCode.BadRequest, ReportPeriod.Empty)]
    [InlineData("format=pdf&figure=Done&from=2026-11-01&to=2026-11-30", HttpStatusCode.BadRequest, "xlsx или csv")]
    [InlineData("format=csv&figure=Done&department=FINANCE&from=2026-11-01&to=2026-11-30", HttpStatusCode.Forbidden, ReportQueries.DepartmentNotYours)]
    public async Task ABadOrForeignQuery_IsRefusedInRussian(string query, HttpStatusCode status, string message)
    {
        var finance = (await world.App.Services.GetRequiredService<OrderQueries>().DepartmentsAsync()).Single(d => d.ShortName == "Финансы");
        var client = await world.App.SignedInAsync("deputy2");

        var response = await client.GetAsync("/reports/orders/export?" + query.Replace("FINANCE", finance.Id.ToString()));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }
}
