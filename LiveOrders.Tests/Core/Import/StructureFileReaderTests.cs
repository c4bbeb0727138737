using System.IO.Compression;
using System.Text;
using LiveOrders.Core.Organization.Import;
using LiveOrders.Tests.Support;

namespace LiveOrders.Tests.Core.Import;

public sealed class StructureFileReaderTests
{
    private static readonly string[] PersonRow = ["ivanova", "Иванова Анна Петровна", "Специалист", "ivanova@example.ru", "Финансы", "Сотрудник", ""];

    private static StructureFile Read(string name, byte[] content)
    {
        var result = StructureFileReader.Read(name, content);
        Assert.True(result.Ok, result.Message);
        return result.Value!;
    }

    private static string Refusal(string name, byte[] content)
    {
        var result = StructureFileReader.Read(name, content);
        Assert.False(result.Ok);
        return result.Message!;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AWorkbook_IsReadFromSharedOrInlineStrings_WithNumbersAndEmptyCells(bool sharedStrings)
    {
        var xlsx = XlsxFile.Build(sharedStrings,
            ("Подразделения", [XlsxFile.DepartmentHeader, ["Отдел учёта", "Учёт", "", "deputy1"]]),
            ("Лист3", [["что-то постороннее"]]),
            ("Сотрудники", [XlsxFile.PeopleHeader, [], ["#12345", "Петров Пётр", "Инженер", "", "Учёт", "Сотрудник"]]));

        var file = Read("структура.xlsx", xlsx);

        var department = Assert.Single(file.Departments!.Rows);
        Assert.Equal((2, "Отдел учёта", "Учёт", "", "deputy1"),
            (department.Row, department["Название"], department["Краткое название"], department["Вышестоящее подразделение"], department["Куратор (логин)"]));
        var person = Assert.Single(file.People!.Rows);
        Assert.Equal(3, person.Row);
        Assert.Equal("12345", person["Логин"]);
        Assert.Equal("", person["E-mail"]);
        Assert.Equal("Сотрудник", person["Роль"]);
    }

    [Fact]
    public void AFormulaCell_IsReadAsItsFormula_NotAsTheValueExcelCached()
    {
        var xlsx = XlsxFile.Build(("Сотрудники", [XlsxFile.PeopleHeader, ["ivanova", "ƒHYPERLINK(\"http://evil.example\",\"Иванова\")", "x", "", "Финансы", "Сотрудник"]]));

        var person = Assert.Single(Read("f.xlsx", xlsx).People!.Rows);

        Assert.StartsWith("=HYPERLINK(", person["ФИО"]);
    }

    [Theory]
    [InlineData(";", true, "utf-8")]
    [InlineData(",", false, "utf-8")]
    [InlineData(";", false, "windows-1251")]
    [InlineData("\t", false, "utf-8")]
    public void ACsvFile_IsReadWhateverItsSeparatorAndEncoding(string separator, bool bom, string encoding)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = string.Join("\r\n", [string.Join(separator, XlsxFile.PeopleHeader), string.Join(separator, PersonRow), ""]);
        var bytes = Encoding.GetEncoding(encoding).GetBytes(text);
        if (bom) bytes = [0xEF, 0xBB, 0xBF, .. bytes];

        var file = Read("люди.csv", bytes);

        Assert.Null(file.Departments);
        var person = Assert.Single(file.People!.Rows);
        Assert.Equal((2, "Иванова Анна Петровна", "Финансы"), (person.Row, person["ФИО"], person["Подразделение"]));
    }

    [Fact]
    public void ACsvOfDepartments_IsRecognisedByItsHeader_AndAQuotedCellKeepsItsSeparators()
    {
        var csv = "Название;Краткое название;Вышестоящее подразделение\n\"Отдел «А; Б»\";А;\n";

        var file = Read("d.csv", Encoding.UTF8.GetBytes(csv));

        Assert.Null(file.People);
        Assert.Equal("Отдел «А; Б»", Assert.Single(file.Departments!.Rows)["Название"]);
    }

    [Fact]
    public void ACsvWithoutAKnownHeader_IsRefusedWithAMessage() =>
        Assert.Contains("первая строка должна быть заголовком", Refusal("x.csv", Encoding.UTF8.GetBytes("a;b;c\n1;2;3\n")));

    [Fact]
    public void ATableWithoutARequiredColumn_IsRefusedNamingIt() =>
        Assert.Contains("«ФИО»", Refusal("x.csv", Encoding.UTF8.GetBytes("Логин;Должность;Подразделение;Роль\nivanova;x;Финансы;Сотрудник\n")));

    [Fact]
    public void AFileThatIsNeitherXlsxNorCsv_IsRefused()
    {
        Assert.Contains(".xlsx", Refusal("photo.png", [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]));
        Assert.Contains(".xls", Refusal("old.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]));
        Assert.Contains("двоичные", Refusal("bin.csv", [0x4C, 0, 0, 0, 1]));
        Assert.Contains("пуст", Refusal("empty.csv", []));
    }

    [Fact]
    public void ACorruptWorkbook_IsRefusedWithAMessage()
    {
        var xlsx = XlsxFile.Build(("Сотрудники", [XlsxFile.PeopleHeader, PersonRow]));
        Assert.Contains("повреждён", Refusal("broken.xlsx", xlsx[..(xlsx.Length / 2)]));
        Assert.Contains("повреждён", Refusal("fake.xlsx", [.. "PK\x03\x04"u8, .. new byte[200]]));
    }

    [Fact]
    public void AZipArchiveThatIsNotAWorkbook_IsRefused()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open()))
            writer.Write("не книга");
        Assert.False(StructureFileReader.Read("x.xlsx", stream.ToArray()).Ok);
    }

    [Fact]
    public void AZipBomb_IsRefusedBeforeItIsUnpacked()
    {
        // 60 MB of one letter packs into well under the 2 MB a file may weigh.
        var xlsx = XlsxFile.Build(("Сотрудники", [XlsxFile.PeopleHeader, PersonRow]));
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        using (var entry = zip.CreateEntry("xl/padding.xml", CompressionLevel.SmallestSize).Open())
        {
            var block = new byte[1024 * 1024];
            Array.Fill(block, (byte)'a');
            for (var i = 0; i < 60; i++) entry.Write(block);
        }
        Assert.True(stream.Length < StructureFileReader.MaxBytes);

        Assert.Contains("слишком велика", Refusal("bomb.xlsx", stream.ToArray()));
    }

    [Fact]
    public void AFileOverTheSizeLimit_IsRefused() =>
        Assert.Contains("больше 2 МБ", Refusal("big.csv", new byte[StructureFileReader.MaxBytes + 1]));

    [Fact]
    public void MoreRowsThanTheLimit_AreRefused()
    {
        var csv = new StringBuilder(string.Join(';', XlsxFile.PeopleHeader)).Append('\n');
        for (var i = 0; i < StructureFileReader.MaxRows + 1; i++) csv.Append($"u{i};Имя;Должность;;Финансы;Сотрудник;\n");

        Assert.Contains("больше 5000 строк", Refusal("many.csv", Encoding.UTF8.GetBytes(csv.ToString())));
    }

    [Fact]
    public void TheTemplate_IsReadBackWithItsExampleRows()
    {
        var file = Read(StructureTemplate.FileName, StructureTemplate.Build());

        Assert.Equal("Отдел благоустройства", Assert.Single(file.Departments!.Rows)["Название"]);
        Assert.Equal("ivanova.ap", Assert.Single(file.People!.Rows)["Логин"]);
    }
}
