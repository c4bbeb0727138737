using LiveOrders.Core.Calendar;

namespace LiveOrders.Tests.Core;

public sealed class CalendarImportTests
{
    // The shape of xmlcalendar.ru's files (consultant.ru's production calendars).
    private const string Xml2026 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <calendar year="2026" lang="ru" date="2025.09.01" country="ru">
          <holidays><holiday id="1" title="Новогодние каникулы"/></holidays>
          <days>
            <day d="01.01" t="1" h="1"/><day d="01.02" t="1" h="1"/><day d="01.03" t="1" h="1"/><day d="01.04" t="1" h="1"/>
            <day d="01.05" t="1" h="1"/><day d="01.06" t="1" h="1"/><day d="01.07" t="1" h="1"/><day d="01.08" t="1" h="1"/>
            <day d="01.09" t="1" f="01.03"/><day d="02.23" t="1" h="4"/><day d="03.09" t="1" f="03.08"/><day d="04.30" t="2"/>
            <day d="05.01" t="1" h="5"/><day d="05.11" t="1" f="05.09"/><day d="06.12" t="1" h="7"/>
            <day d="11.03" t="2"/><day d="11.04" t="1" h="8"/><day d="12.31" t="1" f="01.04"/>
          </days>
        </calendar>
        """;

    [Fact]
    public void AnXmlCalendar_GivesTheSameYearAsTheShippedOne()
    {
        var imported = CalendarImport.Parse(Xml2026, 2026);

        Assert.True(imported.Ok, imported.Message);
        Assert.Equal(ShippedCalendars.Year2026.WeekdaysOff.Order(), imported.Value!.WeekdaysOff.Order());
        Assert.Empty(imported.Value.WorkedWeekends);
    }

    [Fact]
    public void AWorkedSaturday_IsReadFromTypeThree()
    {
        var imported = CalendarImport.Parse("""<calendar year="2027"><days><day d="11.06" t="3"/><day d="11.04" t="1"/></days></calendar>""", 2027);
        Assert.Equal([new DateOnly(2027, 11, 6)], imported.Value!.WorkedWeekends);
        Assert.Equal([new DateOnly(2027, 11, 4)], imported.Value.WeekdaysOff);
    }

    [Fact]
    public void ACsvOfDates_WithAHeading_AndKinds()
    {
        var imported = CalendarImport.Parse("дата;тип\n01.01.2027;выходной\n2027-01-04\n06.11.2027;рабочий\n", 2027);
        Assert.True(imported.Ok, imported.Message);
        Assert.Equal([new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 4)], imported.Value!.WeekdaysOff.Order());
        Assert.Equal([new DateOnly(2027, 11, 6)], imported.Value.WorkedWeekends);
    }

    [Theory]
    [InlineData("", "пуст")]
    [InlineData("<calendar year=\"2028\"><days/></calendar>", "2028")]
    [InlineData("<calendar><days><day d=\"13.40\" t=\"1\"/></days></calendar>", "не похож на дату")]
    [InlineData("<calendar", "XML")]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"x\">]><calendar/>", "XML")]
    [InlineData("дата\n01.01.2027\nвчера", "Строка 3")]
    [InlineData("01.01.2028", "не относится к 2027")]
    [InlineData("01.01.2027;может быть", "«выходной» или «рабочий»")]
    [InlineData("01.01.2027;выходной\n01.01.2027;рабочий", "и выходным, и рабочим")]
    public void ABadFile_IsRefusedInRussian(string content, string said)
    {
        var refused = CalendarImport.Parse(content, 2027);
        Assert.False(refused.Ok);
        Assert.Contains(said, refused.Message);
    }
}
