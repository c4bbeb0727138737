using System.Net;
using LiveOrders.Core.Audit;
using LiveOrders.Core.Delays;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>
/// The calendar's first and last days typed into a period (a query string is anyone's to write): each page and download
/// answers with its result or a Russian ProblemDetails, never a 500. 31.12.9999 has no next day and 01.01.0001 00:00 in
/// the municipality's zone has no UTC instant; both once threw out of a period's edge.
/// </summary>
public sealed class ExtremeDatesTests(ExtremeDatesTests.World world) : IClassFixture<ExtremeDatesTests.World>
{
    public sealed class World : IDisposable
    {
        public LiveOrdersApp App { get; } = new();
        public void Dispose() => App.Dispose();
    }

    [Theory]
    [InlineData("/reports/spravka?format=pdf&from=2026-01-01&to=9999-12-31", HttpStatusCode.BadRequest)]
    [InlineData("/reports/spravka?format=xlsx&from=0001-01-01&to=2026-01-01", HttpStatusCode.BadRequest)]
    [InlineData("/reports/export?format=csv&from=2026-01-01&to=9999-12-31", HttpStatusCode.BadRequest)]
    [InlineData("/reports/orders/export?format=csv&figure=Done&from=0001-01-01&to=9999-12-31", HttpStatusCode.BadRequest)]
    [InlineData("/audit/export?format=csv&from=0001-01-01&to=9999-12-31", HttpStatusCode.OK)]
    [InlineData("/reports/orders?figure=Done&from=0001-01-01&to=9999-12-31", HttpStatusCode.OK)]
    public async Task TheFirstAndLastDaysOfTheCalendar_GetAnAnswer_NeverA500(string url, HttpStatusCode expected)
    {
        var client = await world.App.SignedInAsync("ctrl.1");

        var response = await client.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Даты периода должны лежать между 1900 и 2200 годом.", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task TheReadLog_AndLateByReason_TakeTheWholeCalendar()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SendRoadsToHousingAsync();
        var (first, last) = (DateOnly.MinValue, DateOnly.MaxValue);

        Assert.True((await db.Services.GetRequiredService<OrderReadLog>().SearchAsync(db.Controller, first, last, null, 0, 10)).Ok);
        Assert.True((await db.Services.GetRequiredService<DelayReasons>().LateByReasonAsync(db.Controller, first, last)).Ok);
        var audit = await db.Services.GetRequiredService<AuditLog>().PageAsync(db.Controller, new AuditFilter(first, last, null, null, null, null), 0, 10);
        Assert.True(audit.Ok, audit.Message);
        Assert.True(audit.Value!.Total > 0);
    }
}
