using System.Net;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Time;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>
/// The downloads of an order list as it is filtered and of one order with its history: the files are opened and read back
/// (xlsx with OpenXml, CSV with CsvHelper), and hold exactly what their reader may see.
/// </summary>
public sealed class OrderExportTests(OrderExportTests.World world) : IClassFixture<OrderExportTests.World>
{
    [Fact]
    public async Task TheListAsXlsx_HoldsOnlyTheFilteredVisibleOrders_WithCyrillicText_AndRealDateCellsInTheMunicipalZone()
    {
        var tag = World.Tag();
        var due = new DateTime(2026, 12, 10, 3, 30, 0, DateTimeKind.Utc);
        var wanted = await world.OrderAsync($"Ремонт дороги {tag}", "ЖКХ", Priority.High, due);
        var otherPriority = await world.OrderAsync($"Покраска {tag}", "ЖКХ", Priority.Normal, due);
        var invisible = await world.OrderAsync($"Бюджет {tag}", "Финансы", Priority.High, due);
        var client = await world.App.SignedInAsync("zkh.1");

        var response = await client.GetAsync($"/orders/export?format=xlsx&scope=department&search={tag}&priority=High");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        var today = world.Time.LocalNow.ToString("yyyy-MM-dd");
        Assert.Equal($"Поручения_{today}.xlsx", disposition.FileNameStar);
        Assert.True(string.Join(",", response.Content.Headers.GetValues("Content-Disposition")).All(char.IsAscii));

        var sheets = Xlsx.Read(await response.Content.ReadAsByteArrayAsync());
        var rows = sheets["Поручения"];
        Assert.Equal(["Номер", "Поручение", "Статус", "Приоритет", "Срок"], rows[0].Take(5).Select(c => c.Text));
        var row = Assert.Single(rows.Skip(1));
        Assert.Equal(wanted.Number, row[0].Text);
        Assert.Equal($"Ремонт дороги {tag}", row[1].Text);
        Assert.Equal(("Новое", "Высокий"), (row[2].Text, row[3].Text));
        // Novokuznetsk is UTC+7: 03:30 UTC is 10:30 there, stored as a real date with a date format.
        Assert.Equal(new DateTime(2026, 12, 10, 10, 30, 0), row[4].Date);
        Assert.Contains("dd.mm.yyyy", row[4].Format);
        Assert.DoesNotContain(rows, r => r[0].Text == otherPriority.Number || r[0].Text == invisible.Number);
    }

    [Fact]
    public async Task TheListAsCsv_IsUtf8WithBom_AndSemicolons_AndHoldsWhatTheReaderMaySee()
    {
        var tag = World.Tag();
        var due = new DateTime(2026, 12, 11, 20, 0, 0, DateTimeKind.Utc);
        var road = await world.OrderAsync($"Ямочный ремонт {tag}", "ЖКХ", Priority.High, due);
        var paint = await world.OrderAsync($"Покраска урн {tag}", "ЖКХ", Priority.Normal, due);
        var budget = await world.OrderAsync($"Бюджет {tag}", "Финансы", Priority.High, due);

        var housing = await world.CsvAsync(await world.App.SignedInAsync("zkh.1"), $"/orders/export?format=csv&search={tag}");
        var finance = await world.CsvAsync(await world.App.SignedInAsync("fin.head"), $"/orders/export?format=csv&search={tag}");

        Assert.Equal("Номер", housing[0][0]);
        Assert.Equal([road.Number, paint.Number], housing.Skip(1).Select(r => r[0]).Order());
        var roadRow = housing.Single(r => r[0] == road.Number);
        Assert.Equal($"Ямочный ремонт {tag}", roadRow[1]);
        Assert.Equal("12.12.2026 03:00", roadRow[4]); // 20:00 UTC is the next morning in Novokuznetsk
        Assert.Equal([budget.Number], finance.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task AFormulaLookingTitle_IsEscapedInTheCsv_AndIsPlainTextInTheXlsx()
    {
        var tag = World.Tag();
        var title = $"=HYPERLINK(\"http://evil.example\";\"жми\") {tag}";
        var order = await world.OrderAsync(title, "ЖКХ", Priority.Normal, DateTime.UtcNow.AddDays(3));
        var client = await world.App.SignedInAsync("zkh.1");

        var csv = await world.CsvAsync(client, $"/orders/export?format=csv&search={tag}");
        var xlsx = Xlsx.Read(await client.GetByteArrayAsync($"/orders/export?format=xlsx&search={tag}"));

        Assert.Equal("'" + title, csv.Single(r => r[0] == order.Number)[1]);
        var cell = xlsx["Поручения"].Single(r => r[0].Text == order.Number)[1];
        Assert.Equal(title, cell.Text);
        Assert.False(cell.IsFormula);
    }

    [Fact]
    public async Task AnOrder_AsXlsx_HasItsFactsAndItsWholeHistory_AndAsCsvToo()
    {
        var tag = World.Tag();
        var order = await world.OrderAsync($"Уборка снега {tag}", "ЖКХ", Priority.Urgent, DateTime.UtcNow.AddDays(2));
        var created = await world.HistoryStartAsync(order.Id);
        var client = await world.App.SignedInAsync("zkh.1");

        var response = await client.GetAsync($"/orders/{order.Id}/export?format=xlsx");
        var csv = await world.CsvAsync(client, $"/orders/{order.Id}/export?format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Поручение_", response.Content.Headers.ContentDisposition!.FileNameStar);
        var sheets = Xlsx.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Поручение", "История", "Комментарии"], sheets.Keys);
        var facts = sheets["Поручение"].ToDictionary(r => r[0].Text, r => r.Count > 1 ? r[1] : new XlsxCell("", null, "", false));
        Assert.Equal(($"Уборка снега {tag}", "Юридический отдел", "Управление жилищно-коммунального хозяйства"), (facts["Заголовок"].Text, facts["Выдал"].Text, facts["Исполняет"].Text));
        var history = sheets["История"];
        Assert.Equal(["Когда", "Событие"], history[0].Take(2).Select(c => c.Text));
        Assert.Contains(history.Skip(1), r => r[1].Text == "Создано" && r[0].Date == World.ToSecond(world.Time.ToLocal(created)));
        Assert.Contains(csv, r => r.Count > 1 && r[0] == "Заголовок" && r[1] == $"Уборка снега {tag}");
        Assert.Contains(csv, r => r.Count > 1 && r[1] == "Создано");
    }

    [Fact]
    public async Task ExportingAnOrderWithPersonalData_IsRecordedInItsReadLog()
    {
        var order = await world.OrderAsync($"Жалоба жителя {World.Tag()}", "ЖКХ", Priority.Normal, DateTime.UtcNow.AddDays(3), personalData: true);
        var client = await world.App.SignedInAsync("zkh.1");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/orders/{order.Id}/export?format=csv")).StatusCode);

        var log = await world.App.Services.GetRequiredService<OrderReadLog>().ForOrderAsync(await world.App.ActorAsync("ctrl.1"), order.Id);
        Assert.Contains(log.Value!, r => r.Channel == ReadChannel.Export && r.Reader.Length > 0);
    }

    [Theory]
    [InlineData("fin.head")]
    [InlineData("fin.1")]
    public async Task SomeoneWhoMayNotSeeTheOrder_GetsNothingOfIt(string login)
    {
        var tag = World.Tag();
        var order = await world.OrderAsync($"Секретная смета {tag}", "ЖКХ", Priority.Normal, DateTime.UtcNow.AddDays(3));
        var client = await world.App.SignedInAsync(login);

        var single = await client.GetAsync($"/orders/{order.Id}/export?format=xlsx");
        var list = await world.CsvAsync(client, $"/orders/export?format=csv&scope=all&search={tag}");

        Assert.Equal(HttpStatusCode.NotFound, single.StatusCode);
        Assert.Null(single.Content.Headers.ContentDisposition);
        Assert.DoesNotContain("Секретная", await single.Content.ReadAsStringAsync());
        Assert.Single(list); // the header only
    }

    [Fact]
    public async Task AnUnknownFormat_IsRefusedInRussian_AndAnAnonymousCaller_IsSentToSignIn()
    {
        var client = await world.App.SignedInAsync("zkh.1");

        var bad = await client.GetAsync("/orders/export?format=pdf");
        var badStatus = await client.GetAsync("/orders/export?format=csv&status=Nonsense");
        var anonymous = await world.App.Anonymous().GetAsync("/orders/export?format=csv");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("xlsx или csv", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/login", anonymous.Headers.Location!.AbsolutePathOrSelf());
    }

    public sealed class World : IDisposable
    {
        public LiveOrdersApp App { get; } = new();
        public MunicipalTime Time => App.Services.GetRequiredService<MunicipalTime>();

        public static DateTime ToSecond(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond);

        public static string Tag() => "выг" + Guid.NewGuid().ToString("N")[..8];

        /// <summary>A new order from the legal department's head to a department.</summary>
        public async Task<(int Id, string Number)> OrderAsync(string title, string department, Priority priority, DateTime dueUtc, bool personalData = false)
        {
            var queries = App.Services.GetRequiredService<OrderQueries>();
            var to = (await queries.DepartmentsAsync()).Single(d => d.ShortName == department).Id;
            var created = await App.Services.GetRequiredService<OrderService>().CreateAsync(await App.ActorAsync("law.head"),
                new NewOrder(title, null, [to], priority, dueUtc, ContainsPersonalData: personalData));
            Assert.True(created.Ok, created.Message);
            var id = created.Value![0].Id;
            var details = await queries.GetAsync(await App.ActorAsync("law.head"), id);
            return (id, details.Value!.Number);
        }

        /// <summary>When the order's «Создано» event happened (UTC).</summary>
        public async Task<DateTime> HistoryStartAsync(int orderId)
        {
            var details = await App.Services.GetRequiredService<OrderQueries>().GetAsync(await App.ActorAsync("law.head"), orderId);
            return details.Value!.History.First(h => h.Kind == OrderEventKind.Created).At;
        }

        /// <summary>A CSV download, its BOM checked, parsed back as rows of fields.</summary>
        public async Task<List<List<string>>> CsvAsync(HttpClient client, string url)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition!.FileNameStar);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
            // «;» between fields, never «,» (a header line: the first, or the second under a table's name).
            Assert.Contains(text.Split("\r\n").Take(2), line => line.Contains(';') && !line.Contains(','));
            var rows = new List<List<string>>();
            using var reader = CsvReader.FromText(text, new CsvReaderOptions
            {
                Separator = ';', HasHeader = false, FieldCountMismatch = CsvFieldCountHandling.Allow, SkipEmptyLines = true,
            });
            while (reader.Read())
            {
                var row = new List<string>();
                for (var i = 0; i < reader.FieldCount; i++) row.Add(reader.GetString(i) ?? "");
                rows.Add(row);
            }
            return rows;
        }

        public void Dispose() => App.Dispose();
    }
}

/// <summary>A cell read back: its text, its date when it is a number in a date format, and whether it is a formula.</summary>
public sealed record XlsxCell(string Text, DateTime? Date, string Format, bool IsFormula);

/// <summary>Reads an xlsx back with OpenXml: each sheet by name, as rows of cells in column order.</summary>
public static class Xlsx
{
    public static Dictionary<string, List<List<XlsxCell>>> Read(byte[] content)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(content), false);
        var workbook = document.WorkbookPart!;
        var formats = workbook.WorkbookStylesPart?.Stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        var cellFormats = workbook.WorkbookStylesPart?.Stylesheet?.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var result = new Dictionary<string, List<List<XlsxCell>>>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            result[sheet.Name!.Value!] = part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
                .Select(r => r.Elements<Cell>().Select(c =>
                {
                    var format = c.StyleIndex is { } s && s.Value < cellFormats.Count
                        && cellFormats[(int)s.Value].NumberFormatId is { } id && formats.TryGetValue(id.Value, out var code) ? code : "";
                    var text = c.DataType?.Value == CellValues.InlineString ? c.InlineString?.InnerText ?? ""
                        : c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text)]
                        : c.CellValue?.Text ?? "";
                    DateTime? date = format.Contains("yy") && double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var oa)
                        ? DateTime.FromOADate(oa) : null;
                    return new XlsxCell(text, date, format, c.CellFormula is not null);
                }).ToList()).ToList();
        }
        return result;
    }
}
