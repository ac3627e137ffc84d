using System.Globalization;
using System.Text;

namespace HotlineDispatch.Silo.Exports;

/// <summary>
/// Writes CSV (RFC 4180) for spreadsheet users: UTF-8 with a byte-order mark, so Excel reads Chinese
/// correctly; CRLF line ends; fields quoted when they hold a comma, quote or line break. A field that
/// a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a leading apostrophe,
/// because residents' text ends up in these files.
/// </summary>
public sealed class CsvWriter(Stream stream) : IAsyncDisposable
{
    private readonly StreamWriter _writer = new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
    private bool _started;

    public async Task RowAsync(IEnumerable<string?> fields)
    {
        if (!_started)
        {
            _started = true;
            await _writer.WriteAsync('\uFEFF');
        }

        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                await _writer.WriteAsync(',');
            }

            first = false;
            await _writer.WriteAsync(Escape(field));
        }

        await _writer.WriteAsync("\r\n");
    }

    public Task FlushAsync() => _writer.FlushAsync();

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync();
        await _writer.DisposeAsync();
    }

    public static string Escape(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return "";
        }

        if (field[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            field = "'" + field;
        }

        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
    }

    public static string Time(DateTimeOffset? instant) =>
        instant?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A rate as a percentage Excel reads as a number (87.59%); empty when undefined.</summary>
    public static string Percent(double? rate) =>
        rate is { } r ? (r * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "";
}
