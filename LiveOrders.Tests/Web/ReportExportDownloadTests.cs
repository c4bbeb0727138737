using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Reports;
using LiveOrders.Core.Time;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>
/// The reports page's download over HTTP (<c>/reports/export</c>) in the demo municipality: the file holds the page's
/// figures for the reader, and every refusal is a ProblemDetails in Russian, never a 500.
/// (The cells against hand-worked figures: <c>Data.ReportExportTests</c>.)
/// </summary>
public sealed class ReportExportDownloadTests(ReportExportDownloadTests.World world) : IClassFixture<ReportExportDownloadTests.World>
{
    [Fact]
    public async Task ADeputyHead_DownloadsTheXlsxOfHerDepartments_WithTheSameFiguresAsThePage()
    {
        var client = await world.App.SignedInAsync("deputy2");
        var (from, last) = world.ThisMonth();

        var response = await client.GetAsync($"/reports/export?format=xlsx&from={from:yyyy-MM-dd}&to={last:yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"Отчёт_{from:yyyy-MM-dd}_{last:yyyy-MM-dd}.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var sheets = Xlsx.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Отчёт", "Показатели", "Динамика по неделям", "Рейтинг"], sheets.Keys);

        var figures = (await world.App.Services.GetRequiredService<ReportQueries>()
            .FiguresWithTotalAsync(await world.App.ActorAsync("deputy2"), new ReportPeriod(from, last.AddDays(1)))).Value!;
        var page = figures.Departments.Append(figures.Total).ToList();
        var rows = sheets["Показатели"].Skip(1).ToList();
        Assert.Equal(page.Select(f => f.Name), rows.Select(r => r[0].Text));                 // Архитектура, ЖКХ, Образование, Итого
        Assert.Equal(4, rows.Count);
        Assert.Equal(page.Select(f => (f.Received, f.Done, f.OverdueNow)),
            rows.Select(r => (int.Parse(r[1].Text), int.Parse(r[2].Text), int.Parse(r[5].Text))));
        var weeks = sheets["Динамика по неделям"].Skip(1).ToList();
        Assert.Equal(figures.Total.Received, weeks.Sum(r => int.Parse(r[2].Text)));
        Assert.Equal(figures.Total.Done, weeks.Sum(r => int.Parse(r[3].Text)));
    }

    [Fact]
    public async Task TheCsv_OfChosenDepartments_HoldsOnlyThem()
    {
        var client = await world.App.SignedInAsync("ctrl.1");
        var (from, last) = world.ThisMonth();
        var finance = await world.DepartmentAsync("Финансы");

        var response = await client.GetAsync(ReportExportDownloads.Url(LiveOrders.Core.Exports.ExportFormat.Csv, from, last, [finance]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var lines = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Contains("Подразделения;Финансы", lines);
        var figures = lines.SkipWhile(l => l != "Показатели").Skip(2).TakeWhile(l => l != "Динамика по неделям").ToList();
        Assert.Equal("Финансы", Assert.Single(figures).Split(';')[0]);           // one department: no total, as on the page
    }

    [Theory]
    [InlineData("zkh.head", null, ReportQueries.NotYours)]               // a department head reads no reports
    [InlineData("zkh.1", null, ReportQueries.NotYours)]
    [InlineData("deputy2", "Финансы", ReportQueries.DepartmentNotYours)]  // not one she supervises
    public async Task SomeoneWhoMayNotSeeTheReport_GetsA403InRussian_AndNoFile(string login, string? department, string message)
    {
        var client = await world.App.SignedInAsync(login);
        var (from, last) = world.ThisMonth();
        int[] departments = department is null ? [] : [await world.DepartmentAsync(department)];

        var response = await client.GetAsync(ReportExportDownloads.Url(LiveOrders.Core.Exports.ExportFormat.Xlsx, from, last, departments));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(message, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("format=pdf&from=2026-03-01&to=2026-03-31", "xlsx или csv")]
    [InlineData("format=xlsx&to=2026-03-31", ReportExportDownloads.BadPeriod)]
    [InlineData("format=xlsx&from=2026-13-01&to=2026-03-31", ReportExportDownloads.BadPeriod)]
    [InlineData("format=xlsx&from=01.03.2026&to=31.03.2026", ReportExportDownloads.BadPeriod)]
    [InlineData("format=xlsx&from=2026-03-01&to=9999-12-31", ReportPeriod.OutOfRange)]      // the calendar's last day: beyond the years a report takes
    [InlineData("format=csv&from=2026-03-31&to=2026-03-01", ReportPeriod.Empty)]
    [InlineData("format=csv&from=1950-01-01&to=2049-12-31", ReportPeriod.TooLong)]
    [InlineData("format=csv&from=0001-01-01&to=0001-01-01", ReportPeriod.OutOfRange)]
    [InlineData("format=csv&from=2026-03-01&to=2026-03-31&departments=ЖКХ", ReportExportDownloads.BadDepartments)]
    [InlineData("format=csv&from=2026-03-01&to=2026-03-31&departments=-1", ReportExportDownloads.BadDepartments)]
    public async Task ABadRequest_IsA400InRussian(string query, string message)
    {
        var client = await world.App.SignedInAsync("ctrl.1");

        var response = await client.GetAsync("/reports/export?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(message, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TenYears_AreExported()
    {
        var client = await world.App.SignedInAsync("ctrl.1");

        var response = await client.GetAsync("/reports/export?format=xlsx&from=2017-01-01&to=2026-12-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var weeks = Xlsx.Read(await response.Content.ReadAsByteArrayAsync())["Динамика по неделям"];
        Assert.Equal(523, weeks.Count - 1);                              // Sun 1 Jan 2017 alone, …, Mon 28 – Thu 31 Dec 2026
    }

    [Fact]
    public async Task AnAnonymousCaller_IsSentToSignIn()
    {
        var response = await world.App.Anonymous().GetAsync("/reports/export?format=csv&from=2026-03-01&to=2026-03-31");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.AbsolutePathOrSelf());
    }

    public sealed class World : IDisposable
    {
        public LiveOrdersApp App { get; } = new();

        /// <summary>This month in the municipality's calendar, by its first and last day.</summary>
        public (DateOnly From, DateOnly Last) ThisMonth()
        {
            var today = DateOnly.FromDateTime(App.Services.GetRequiredService<MunicipalTime>().LocalNow);
            var from = new DateOnly(today.Year, today.Month, 1);
            return (from, from.AddMonths(1).AddDays(-1));
        }

        public async Task<int> DepartmentAsync(string shortName) =>
            (await App.Services.GetRequiredService<OrderQueries>().DepartmentsAsync()).Single(d => d.ShortName == shortName).Id;

        public void Dispose() => App.Dispose();
    }
}
