using System.Net;
using System.Text.Json;
using LiveOrders.Core.Reports;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Infrastructure;

namespace LiveOrders.Tests.Web;

/// <summary>
/// <c>/reports/spravka</c> over real HTTP on the demo municipality: the PDF and the xlsx come with the report's permissions;
/// a refusal or bad input is a ProblemDetails in Russian, never a 500.
/// </summary>
public sealed class SpravkaDownloadTests(SpravkaDownloadTests.World world) : IClassFixture<SpravkaDownloadTests.World>
{
    public sealed class World : IDisposable
    {
        public LiveOrdersApp App { get; } = new();
        public void Dispose() => App.Dispose();
    }

    private const string March = "from=2026-03-01&to=2026-03-31";

    [Fact]
    public async Task Control_DownloadsThePdf_WithTheTitleAndThePeriodInWords()
    {
        var client = await world.App.SignedInAsync("ctrl.1");

        var response = await client.GetAsync($"{SpravkaDownloads.Pattern}?format=pdf&{March}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Справка об исполнительской дисциплине 2026-03-01_2026-03-31.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        var lines = PdfText.Lines(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Администрация города", DisciplineReport.Title, "за март 2026 г.", "Подразделение: все подразделения"], lines.Take(4));
        Assert.Contains(lines, l => l.StartsWith("Итого | "));
    }

    [Fact]
    public async Task ADeputyHead_DownloadsTheXlsxOfADepartmentSheSupervises()
    {
        var client = await world.App.SignedInAsync("deputy2");
        var zkh = (await world.App.ActorAsync("zkh.head")).DepartmentId;

        var response = await client.GetAsync($"{SpravkaDownloads.Pattern}?format=xlsx&{March}&department={zkh}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sheets = Xlsx.Read(await response.Content.ReadAsByteArrayAsync());
        var main = sheets["Справка"];
        Assert.Equal("Справка об исполнительской дисциплине за март 2026 г.", main[1][0].Text);
        Assert.StartsWith("Подразделение: ", main[2][0].Text);
        Assert.Equal("Итого", main[6][0].Text);                         // title lines, the column heads, ЖКХ, Итого
    }

    [Theory]
    [InlineData("zkh.1", "", ReportQueries.NotYours)]
    [InlineData("zkh.head", "", ReportQueries.NotYours)]
    [InlineData("deputy2", "other", ReportQueries.DepartmentNotYours)]
    public async Task ThoseWithoutTheReport_AreRefusedWithAProblemInRussian(string login, string department, string message)
    {
        var client = await world.App.SignedInAsync(login);
        var finance = (await world.App.ActorAsync("fin.head")).DepartmentId;

        var response = await client.GetAsync($"{SpravkaDownloads.Pattern}?format=pdf&{March}" + (department == "other" ? $"&department={finance}" : ""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(message, await DetailAsync(response));
    }

    [Theory]
    [InlineData("format=doc&from=2026-03-01&to=2026-03-31", SpravkaDownloads.BadFormat)]
    [InlineData("format=pdf", SpravkaDownloads.BadPeriod)]
    [InlineData("format=pdf&from=01.03.2026&to=31.03.2026", SpravkaDownloads.BadPeriod)]
    [InlineData("format=pdf&from=2026-02-30&to=2026-03-31", SpravkaDownloads.BadPeriod)]
    [InlineData("format=pdf&from=2026-03-31&to=2026-03-01", "Последний день периода раньше первого.")]
    [InlineData("format=xlsx&from=2026-03-01&to=2026-03-31&department=ЖКХ", SpravkaDownloads.BadDepartment)]
    public async Task BadInput_IsABadRequestWithAMessage(string query, string message)
    {
        var client = await world.App.SignedInAsync("ctrl.1");

        var response = await client.GetAsync($"{SpravkaDownloads.Pattern}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, await DetailAsync(response));
    }

    [Fact]
    public async Task ATenYearPeriod_IsServed()
    {
        var client = await world.App.SignedInAsync("admin");

        var response = await client.GetAsync($"{SpravkaDownloads.Pattern}?format=pdf&from=2020-01-01&to=2029-12-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("за период с 01.01.2020 по 31.12.2029", PdfText.Lines(await response.Content.ReadAsByteArrayAsync()));
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("detail").GetString();
    }
}
