using System.Buffers;
using System.Text;
using System.Text.Json;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>
/// Many rows for one INSERT as a single JSON parameter, an array of arrays, unpacked by the database. Bound as
/// hundreds of parameters a statement, Microsoft.Data.Sqlite looked each name up among all of the statement's, so
/// a statement's binding grew with the square of its rows: a fifth of the silo's CPU went to the measure counters
/// while a restart recorded the cards of thousands of tickets.
/// </summary>
internal static class JsonRows
{
    /// <summary>The parameter's value: each row written by <paramref name="writeRow"/> as the values of one array.</summary>
    public static string Of<T>(IEnumerable<T> rows, Action<Utf8JsonWriter, T> writeRow)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartArray();
                writeRow(json, row);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// A SELECT of the <paramref name="columns"/> values of each row of <c>@rows</c>, in their order; the columns at
    /// <paramref name="integers"/> hold numbers, which PostgreSQL's <c>-&gt;&gt;</c> hands out as text.
    /// </summary>
    public static string Select(bool postgres, int columns, params int[] integers)
    {
        var values = string.Join(", ", Enumerable.Range(0, columns).Select(i => postgres
            ? integers.Contains(i) ? $"(r ->> {i})::bigint" : $"r ->> {i}"
            : $"r.value ->> {i}"));
        return postgres
            ? $"SELECT {values} FROM json_array_elements(@rows::json) r"
            // WHERE true: in an upsert, SQLite would otherwise read ON CONFLICT as part of the FROM clause's join.
            : $"SELECT {values} FROM json_each(@rows) r WHERE true";
    }
}
