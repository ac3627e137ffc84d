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
    /// A SELECT of the rows of <c>@rows</c> in their order, one column per entry of <paramref name="integers"/>:
    /// true where the column holds a number, which PostgreSQL's <c>-&gt;&gt;</c> hands out as text.
    /// </summary>
    public static string Select(bool postgres, params bool[] integers)
    {
        var columns = integers.Select((integer, i) => postgres
            ? integer ? $"(r ->> {i})::bigint" : $"r ->> {i}"
            : $"r.value ->> {i}");
        return postgres
            ? $"SELECT {string.Join(", ", columns)} FROM json_array_elements(@rows::json) r"
            // WHERE true: in an upsert, SQLite would otherwise read ON CONFLICT as part of the FROM clause's join.
            : $"SELECT {string.Join(", ", columns)} FROM json_each(@rows) r WHERE true";
    }
}
