using System.Globalization;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using LiveOrders.Core;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Reports;
using LiveOrders.Tests.Support;
using LiveOrders.Tests.Web;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

/// <summary>
/// The reports page as xlsx and CSV on <see cref="ReportMunicipality"/> (March 2026, the clock at Sat 7 March 10:00 local):
/// the files are opened and read back, and every cell equals the figures worked out by hand in <see cref="ReportFiguresTests"/>
/// and <see cref="ReportTrendAndRatingTests"/>. Durations are hours and shares percent, rounded to two decimals.
/// </summary>
public sealed class ReportExportTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private ReportExports Exports => _db.Services.GetRequiredService<ReportExports>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await ReportMunicipality.BuildAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    // Housing: received 4, done 3, on time 2 (66.67 %), overdue 1, to accept 2 h / 2 h, to complete 200/3 = 66.67 h / 88 h,
    // forwards 1 (0.25 per order), returns 0, extensions 1 / 1, mark 4.5.
    private static readonly object[] Housing = ["ЖКХ", 4, 3, 2, 66.67, 1, 2.0, 2.0, 66.67, 88.0, 1, 0.25, 0, 1, 1, 4.5];
    // Roads: received 3, done 1, on time 1 (100 %), overdue 1, to accept 7 h / 5 h, to complete 31 h / 31 h, no forwards,
    // returns 1, extensions 1 / 0, mark 3.
    private static readonly object[] Roads = ["Дороги", 3, 1, 1, 100.0, 1, 7.0, 5.0, 31.0, 31.0, 0, 0.0, 1, 1, 0, 3.0];

    // «Итого по выбранным»: received 7, done 4, on time 3 (75 %), overdue 2, to accept over A 1, B 3, D 4, C 5, G 12 h: mean 5 h,
    // median 4 h; to complete over A 11, E 88, B 101, D 31 h: mean 57.75 h, median 59.5 h; forwards 1 (1/7 = 0.14 per order),
    // returns 1, extensions 2 / 1, mark (5 + 4 + 3) / 3 = 4.
    private static readonly object[] Total = [ReportQueries.TotalName, 7, 4, 3, 75.0, 2, 5.0, 4.0, 57.75, 59.5, 1, 0.14, 1, 2, 1, 4.0];

    // Rating: Roads 79.1 (С 100, П 66.67, Б 24/29 = 82.76, В 50, К 50), Housing 78.0 (С 66.67, П 75, Б 24/26 = 92.31, В 100, К 87.5).
    private static readonly object[] RoadsRating = [1, "Дороги", 79.1, 100.0, 66.67, 82.76, 50.0, 50.0];
    private static readonly object[] HousingRating = [2, "ЖКХ", 78.0, 66.67, 75.0, 92.31, 100.0, 87.5];

    [Fact]
    public async Task TheXlsx_HoldsTheHeaderTheFiguresTheWeeksAndTheRating_AsWorkedOutByHand()
    {
        var file = await ExportAsync(ReportMunicipality.March, [], ExportFormat.Xlsx);

        Assert.Equal("Отчёт_2026-03-01_2026-03-31.xlsx", file.FileName);
        Assert.Equal(ExportFormats.XlsxType, file.ContentType);
        AssertValidSpreadsheet(file.Content);
        var sheets = Xlsx.Read(file.Content);
        Assert.Equal(["Отчёт", "Показатели", "Динамика по неделям", "Рейтинг"], sheets.Keys);

        var header = sheets["Отчёт"].ToDictionary(r => r[0].Text, r => r[1]);
        Assert.Equal("с 01.03.2026 по 31.03.2026 включительно", header["Период"].Text);
        Assert.Equal("все доступные: ЖКХ, Дороги", header["Подразделения"].Text);
        Assert.Equal(new DateTime(2026, 3, 7, 10, 0, 0), header["Сформирован"].Date);          // h120 in the municipality's zone
        Assert.Equal("Asia/Novokuznetsk (UTC+07:00)", header["Часовой пояс"].Text);
        Assert.StartsWith("Индекс = 100 × (0,40·С", header["Индекс рейтинга"].Text);

        var figures = sheets["Показатели"];
        Assert.Equal(ReportExports.FigureHeaders, figures[0].Select(c => c.Text));
        AssertRow(Housing, figures.Single(r => r[0].Text == "ЖКХ"));
        AssertRow(Roads, figures.Single(r => r[0].Text == "Дороги"));
        AssertRow(Total, figures[^1]);                                   // last, as on the page
        Assert.Equal(4, figures.Count);

        var weeks = sheets["Динамика по неделям"];
        Assert.Equal(ReportExports.TrendHeaders, weeks[0].Select(c => c.Text));
        // Sun 1 Mar alone (partial), 2–8 (received 7: A, B, C, F, D, G, C forwarded; done 4: A, E, B, D), three empty weeks, 30–31 (partial).
        Assert.Equal(
        [
            (new DateTime(2026, 3, 1), new DateTime(2026, 3, 1), "0", "0", "да"),
            (new DateTime(2026, 3, 2), new DateTime(2026, 3, 8), "7", "4", ""),
            (new DateTime(2026, 3, 9), new DateTime(2026, 3, 15), "0", "0", ""),
            (new DateTime(2026, 3, 16), new DateTime(2026, 3, 22), "0", "0", ""),
            (new DateTime(2026, 3, 23), new DateTime(2026, 3, 29), "0", "0", ""),
            (new DateTime(2026, 3, 30), new DateTime(2026, 3, 31), "0", "0", "да"),
        ], weeks.Skip(1).Select(r => (r[0].Date!.Value, r[1].Date!.Value, r[2].Text, r[3].Text, r[4].Text)));
        Assert.Equal("dd.mm.yyyy", weeks[1][0].Format);

        var rating = sheets["Рейтинг"];
        Assert.Equal(ReportExports.RatingHeaders, rating[0].Select(c => c.Text));
        AssertRow(RoadsRating, rating[1]);
        AssertRow(HousingRating, rating[2]);
    }

    [Fact]
    public async Task TheCsv_HoldsTheSameBlocks_WithDecimalCommasAndSemicolons()
    {
        var file = await ExportAsync(ReportMunicipality.March, [], ExportFormat.Csv);

        Assert.Equal("Отчёт_2026-03-01_2026-03-31.csv", file.FileName);
        var blocks = CsvBlocks(file.Content);
        Assert.Equal(["Отчёт", "Показатели", "Динамика по неделям", "Рейтинг"], blocks.Keys);
        Assert.Contains(["Период", "с 01.03.2026 по 31.03.2026 включительно"], blocks["Отчёт"]);
        Assert.Contains(["Сформирован", "07.03.2026 10:00"], blocks["Отчёт"]);
        Assert.Equal(ReportExports.FigureHeaders, blocks["Показатели"][0]);
        Assert.Equal(["ЖКХ", "4", "3", "2", "66,67", "1", "2", "2", "66,67", "88", "1", "0,25", "0", "1", "1", "4,5"],
            blocks["Показатели"].Single(r => r[0] == "ЖКХ"));
        Assert.Equal(["Дороги", "3", "1", "1", "100", "1", "7", "5", "31", "31", "0", "0", "1", "1", "0", "3"],
            blocks["Показатели"].Single(r => r[0] == "Дороги"));
        Assert.Equal(["02.03.2026", "08.03.2026", "7", "4", ""], blocks["Динамика по неделям"][2]);
        Assert.Equal(["01.03.2026", "01.03.2026", "0", "0", "да"], blocks["Динамика по неделям"][1]);
        Assert.Equal(7, blocks["Динамика по неделям"].Count);
        Assert.Equal(["1", "Дороги", "79,1", "100", "66,67", "82,76", "50", "50"], blocks["Рейтинг"][1]);
        Assert.Equal(["2", "ЖКХ", "78", "66,67", "75", "92,31", "100", "87,5"], blocks["Рейтинг"][2]);
    }

    [Fact]
    public async Task AnEmptyPeriod_ExportsZeros_AndDepartmentsNotRated()
    {
        var file = await ExportAsync(new ReportPeriod(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1)), [_db.Housing.Id], ExportFormat.Xlsx);

        AssertValidSpreadsheet(file.Content);
        var sheets = Xlsx.Read(file.Content);
        Assert.Equal("ЖКХ", sheets["Отчёт"].Single(r => r[0].Text == "Подразделения")[1].Text);
        var housing = sheets["Показатели"][1];
        Assert.Equal(["ЖКХ", "0", "0", "0", "", "1"], housing.Take(6).Select(c => c.Text));    // on time «—» is an empty cell; F overdue now
        Assert.Equal(5, sheets["Динамика по неделям"].Count - 1);
        Assert.All(sheets["Динамика по неделям"].Skip(1), r => Assert.Equal(("0", "0"), (r[2].Text, r[3].Text)));
        Assert.Equal(["", "ЖКХ", DepartmentRating.NotRated], sheets["Рейтинг"][1].Take(3).Select(c => c.Text));
    }

    [Fact]
    public async Task TenYears_ExportEveryWeek()
    {
        var file = await ExportAsync(new ReportPeriod(new DateOnly(2020, 1, 1), new DateOnly(2030, 1, 1)), [_db.Housing.Id], ExportFormat.Xlsx);

        var weeks = Xlsx.Read(file.Content)["Динамика по неделям"].Skip(1).ToList();
        Assert.Equal(523, weeks.Count);
        Assert.Equal(5, weeks.Sum(r => int.Parse(r[2].Text)));       // E in February, A, B, C, F in March
        Assert.Equal(3, weeks.Sum(r => int.Parse(r[3].Text)));
    }

    [Fact]
    public async Task TheExport_IsRefusedAsThePageIs()
    {
        var employee = await Exports.ReportAsync(_db.HousingClerk, ReportMunicipality.March, [], ExportFormat.Csv);
        var finance = await Exports.ReportAsync(_db.Deputy, ReportMunicipality.March, [_db.Finance.Id], ExportFormat.Xlsx);
        var backwards = await Exports.ReportAsync(_db.Deputy, new ReportPeriod(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 1)), [], ExportFormat.Xlsx);

        Assert.Equal((Failure.Forbidden, ReportQueries.NotYours), (employee.Failure, employee.Message));
        Assert.Equal((Failure.Forbidden, ReportQueries.DepartmentNotYours), (finance.Failure, finance.Message));
        Assert.Equal((Failure.Invalid, ReportPeriod.Empty), (backwards.Failure, backwards.Message));
        Assert.All(new[] { employee, finance, backwards }, r => Assert.Null(r.Value));
    }

    private async Task<ExportFile> ExportAsync(ReportPeriod period, int[] departments, ExportFormat format)
    {
        var result = await Exports.ReportAsync(_db.Deputy, period, departments, format);
        Assert.True(result.Ok, result.Message);
        return result.Value!;
    }

    /// <summary>What Excel checks before it offers to «repair» a file: the package against the Office schemas.</summary>
    private static void AssertValidSpreadsheet(byte[] content)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(content), false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>Each expected value against its cell: text as text, a number as a number (to two decimals).</summary>
    private static void AssertRow(object[] expected, List<XlsxCell> row)
    {
        Assert.Equal(expected.Length, row.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] is string text) Assert.Equal(text, row[i].Text);
            else Assert.True(Math.Abs(Convert.ToDouble(expected[i], CultureInfo.InvariantCulture) - double.Parse(row[i].Text, CultureInfo.InvariantCulture)) < 0.005,
                $"column {i} ({ReportExports.FigureHeaders.ElementAtOrDefault(i)}): expected {expected[i]}, got {row[i].Text}");
        }
    }

    private static readonly string[] CsvNames = ["Отчёт", "Показатели", "Динамика по неделям", "Рейтинг"];

    /// <summary>The CSV parsed back and cut into its blocks.</summary>
    private static Dictionary<string, List<string[]>> CsvBlocks(byte[] bytes)
    {
        var blocks = Support.CsvBlocks.Read(bytes, CsvNames);
        return blocks;
    }
}
