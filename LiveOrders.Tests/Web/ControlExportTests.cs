using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using LiveOrders.Core.Control;
using LiveOrders.Core.Delays;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>
/// The control panel as a download: the file is read back (xlsx with OpenXml, CSV with CsvHelper) and each list in it is
/// compared with what the panel's own queries give its reader at that moment; whoever the panel is not for gets a 403.
/// </summary>
public sealed class ControlExportTests(ControlExportTests.World world) : IClassFixture<ControlExportTests.World>
{
    [Fact]
    public async Task TheXlsx_HoldsExactlyThePanelsListsForADeputyHead_OnlyHerDepartments_WithRealLocalDates()
    {
        var client = await world.App.SignedInAsync("deputy2");

        var response = await client.GetAsync(ControlExportDownload.Url(ExportFormat.Xlsx));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportFormats.XlsxType, response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.StartsWith("Панель_контроля_" + world.Time.LocalNow.ToString("yyyy-MM-dd"), disposition.FileNameStar);
        Assert.EndsWith(".xlsx", disposition.FileNameStar);
        Assert.True(string.Join(",", response.Content.Headers.GetValues("Content-Disposition")).All(char.IsAscii));
        var sheets = Xlsx.Read(await response.Content.ReadAsByteArrayAsync());
        var page = await world.PanelAsync("deputy2");

        Assert.Equal(["Панель", "По подразделениям", "Просрочено", "Пинг-понг", "Причины просрочки"], sheets.Keys);
        Assert.Equal(page.DepartmentRows, Texts(sheets["По подразделениям"]));
        Assert.Equal(new[] { "Архитектура", "ЖКХ", "Образование", "Всего" }.Order(), sheets["По подразделениям"].Skip(1).Select(r => r[0].Text).Order());
        Assert.Equal(page.OverdueRows, Texts(sheets["Просрочено"]));
        Assert.Equal(page.PingPongRows, Texts(sheets["Пинг-понг"]));
        Assert.Equal(page.ReasonRows, Texts(sheets["Причины просрочки"]));
        Assert.NotEmpty(page.Snapshot.Overdue);
        Assert.NotEmpty(page.Snapshot.PingPongs!);
        Assert.NotEmpty(page.ReasonRows.Skip(1));

        // The due time as a real date cell, in Novokuznetsk time (what the panel's list shows).
        var first = page.Snapshot.Overdue[0];
        var row = sheets["Просрочено"].Single(r => r[0].Text == first.Number);
        Assert.Equal(World.ToSecond(world.Time.ToLocal(first.DueAt)), row[4].Date);
        Assert.Contains("dd.mm.yyyy", row[4].Format);
        var bounced = sheets["Пинг-понг"].Single(r => r[0].Text == world.PingPong.Number);
        Assert.Equal(("ЖКХ", "Архитектура", "ЖКХ"), (bounced[2].Text, bounced[3].Text, bounced[4].Text));
        Assert.NotNull(bounced[6].Date);
    }

    [Fact]
    public async Task TheCsv_HoldsTheSameListsAsBlocks_ForControl_OverEveryDepartment()
    {
        var client = await world.App.SignedInAsync("ctrl.1");

        var response = await client.GetAsync(ControlExportDownload.Url(ExportFormat.Csv));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition!.FileNameStar);
        var blocks = CsvBlocks(await response.Content.ReadAsByteArrayAsync());
        var page = await world.PanelAsync("ctrl.1", decimalComma: true);

        Assert.Equal(page.DepartmentRows, blocks["По подразделениям"]);
        Assert.True(page.Snapshot.Departments.Count > 5, "control oversees every department");
        Assert.Equal(page.OverdueRows, blocks["Просрочено"]);
        Assert.Equal(page.PingPongRows, blocks["Пинг-понг"]);
        Assert.Equal(page.ReasonRows, blocks["Причины просрочки"]);
        Assert.Contains(blocks["Пинг-понг"], r => r[0] == world.PingPong.Number);
    }

    [Theory]
    [InlineData("zkh.head")]
    [InlineData("zkh.1")]
    public async Task SomeoneWhoseControlPanelItIsNot_GetsA403InRussian_AndNoFile(string login)
    {
        var client = await world.App.SignedInAsync(login);

        var response = await client.GetAsync(ControlExportDownload.Url(ExportFormat.Xlsx));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ControlExports.Refusal, problem.GetProperty("detail").GetString());
        Assert.Empty(await world.App.Services.GetRequiredService<ControlQueries>().ScopeAsync(await world.App.ActorAsync(login)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?format=pdf")]
    public async Task ABadFormat_IsA400InRussian(string query)
    {
        var client = await world.App.SignedInAsync("ctrl.1");

        var response = await client.GetAsync(ControlExportDownload.Pattern + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("xlsx или csv", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task SomeoneSignedOut_IsSentToSignIn()
    {
        var response = await world.App.Anonymous().GetAsync(ControlExportDownload.Url(ExportFormat.Csv));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.AbsolutePathOrSelf());
    }

    /// <summary>A sheet's rows as text, the header row first; numbers as they are stored, dates as local «ДД.ММ.ГГГГ ЧЧ:ММ».</summary>
    private static List<string[]> Texts(List<List<XlsxCell>> sheet) => sheet
        .Select(r => r.Select(c => c.Date is { } d ? World.ToSecond(d.AddMilliseconds(500)).ToString("dd.MM.yyyy HH:mm") : c.Text).ToArray()).ToList();

    private static readonly string[] CsvNames = ["Панель", "По подразделениям", "Просрочено", "Пинг-понг", "Причины просрочки"];

    /// <summary>The CSV parsed back and cut into its blocks, all of them there, in order.</summary>
    private static Dictionary<string, List<string[]>> CsvBlocks(byte[] bytes)
    {
        var blocks = Support.CsvBlocks.Read(bytes, CsvNames);
        Assert.Equal(CsvNames, blocks.Keys);
        return blocks;
    }

    /// <summary>What the panel's own queries give a person now, as the rows each list of the file should hold (headers first).</summary>
    public sealed record Panel(ControlSnapshot Snapshot, List<string[]> DepartmentRows, List<string[]> OverdueRows, List<string[]> PingPongRows,
        List<string[]> ReasonRows);

    public sealed class World : IAsyncLifetime
    {
        public LiveOrdersApp App { get; } = new();
        public MunicipalTime Time => App.Services.GetRequiredService<MunicipalTime>();

        /// <summary>An order sent to ЖКХ, forwarded to Архитектура and back: ping-pong on deputy2's panel and control's.</summary>
        public (int Id, string Number) PingPong { get; private set; }

        public async Task InitializeAsync() => PingPong = await MakePingPongAsync();

        public static DateTime ToSecond(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond);

        private async Task<(int, string)> MakePingPongAsync()
        {
            var queries = App.Services.GetRequiredService<OrderQueries>();
            var orders = App.Services.GetRequiredService<OrderService>();
            var departments = (await queries.DepartmentsAsync()).ToDictionary(d => d.ShortName, d => d.Id);
            var created = await orders.CreateAsync(await App.ActorAsync("law.head"),
                new NewOrder($"Пинг-понг для выгрузки {Guid.NewGuid().ToString()[..6]}", null, [departments["ЖКХ"]], Priority.Normal, DateTime.UtcNow.AddDays(5)));
            Assert.True(created.Ok, created.Message);
            var id = created.Value![0].Id;
            async Task Do(string login, OrderCommand command)
            {
                var actor = await App.ActorAsync(login);
                var version = (await queries.GetAsync(actor, id)).Value!.Version;
                var result = await orders.ExecuteAsync(actor, id, version, command);
                Assert.True(result.Ok, result.Message);
            }
            await Do("zkh.head", new ForwardOrder(departments["Архитектура"], "Это к архитекторам"));
            await Do("arch.head", new ForwardOrder(departments["ЖКХ"], "Это к ЖКХ"));
            return (id, (await queries.GetAsync(await App.ActorAsync("law.head"), id)).Value!.Number);
        }

        public async Task<Panel> PanelAsync(string login, bool decimalComma = false)
        {
            var actor = await App.ActorAsync(login);
            var queries = App.Services.GetRequiredService<ControlQueries>();
            var snapshot = await queries.SnapshotAsync(await queries.ScopeAsync(actor));
            var reasons = (await App.Services.GetRequiredService<DelayReasons>().LateByReasonRecentAsync(actor)).Value!;
            string Local(DateTime utc) => Time.ToLocal(utc).ToString("dd.MM.yyyy HH:mm");
            var culture = System.Globalization.CultureInfo.GetCultureInfo(decimalComma ? "ru-RU" : "");
            string Percent(double? share) => share is { } s ? Math.Round(s * 100, 2, MidpointRounding.AwayFromZero).ToString(decimalComma ? "0.##" : "R", culture) : "";
            return new Panel(snapshot,
                [ControlExports.DepartmentHeaders.ToArray(), .. snapshot.Departments.Append(snapshot.Total).Select(d => new[]
                {
                    d.Name, $"{d.Open}", $"{d.Overdue}", $"{d.DueToday}", $"{d.DueIn3Days}", $"{d.DoneThisWeek}", $"{d.Done30Days}", $"{d.DoneOnTime30Days}", Percent(d.OnTimeRate),
                })],
                [ControlExports.OverdueHeaders.ToArray(), .. snapshot.Overdue.Select(o => new[]
                {
                    o.Number, o.Title, o.Department, o.Executor ?? "не назначен", Local(o.DueAt), $"{o.DaysLate}",
                })],
                [ControlExports.PingPongHeaders.ToArray(), .. snapshot.PingPongs!.Select(p => new[]
                {
                    p.Number, p.Title, p.Department, p.SentBackBy, p.ReturnedTo, $"{p.Count}", Local(p.At),
                })],
                [ControlExports.ReasonHeaders.ToArray(), .. reasons.Select(r => new[] { r.Reason, $"{r.Orders}" })]);
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }
}
