using System.Text;
using HotlineDispatch.Silo.Exports;

namespace HotlineDispatch.Tests.Exports;

public sealed class CsvWriterTests
{
    [Fact]
    public async Task Starts_with_a_bom_quotes_what_needs_it_and_defuses_formulas()
    {
        using var stream = new MemoryStream();
        await using (var csv = new CsvWriter(stream))
        {
            await csv.RowAsync(["编号", "内容"]);
            await csv.RowAsync(["1", "路灯,不亮 \"很久\"\n了"]);
            await csv.RowAsync(["=HYPERLINK(\"x\")", null]);
        }

        var bytes = stream.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("编号,内容\r\n1,\"路灯,不亮 \"\"很久\"\"\n了\"\r\n\"'=HYPERLINK(\"\"x\"\")\",\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void Rates_become_percentages_and_undefined_ones_stay_empty()
    {
        Assert.Equal(("87.59%", "100%", ""), (CsvWriter.Percent(0.8759), CsvWriter.Percent(1), CsvWriter.Percent(null)));
    }
}
