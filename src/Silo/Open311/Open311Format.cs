using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using HotlineDispatch.Departments;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Open311;

/// <summary>
/// GeoReport v2's two wire formats: a JSON array of flat objects, or XML with a plural root and one
/// element per item (<c>&lt;service_requests&gt;&lt;request&gt;…</c>). Field names are the spec's snake_case;
/// times are ISO 8601 with the centre's offset.
/// </summary>
public static class Open311Format
{
    public const string Json = "json";
    public const string Xml = "xml";

    public static bool IsKnown(string format) => format is Json or Xml;

    public static IResult Services(IEnumerable<Department> departments, string format) =>
        List(format, "services", "service", departments.Select(d =>
            new Open311Service(d.Code, d.Name, d.Scope, false, "realtime", d.NameEn, Open311Record.Hotline)));

    /// <summary>Our services take no extra attributes, so each definition lists none.</summary>
    public static IResult Definition(Department department, string format) => format == Json
        ? Results.Json(new Open311Definition(department.Code, []))
        : XmlResult(new XElement("service_definition", new XElement("service_code", department.Code), new XElement("attributes")), 200);

    public static IResult Requests(IEnumerable<Open311Record> records, string format) =>
        List(format, "service_requests", "request", records.Select(r => new Open311Request(
            r.ServiceRequestId, r.Status, r.StatusNotes, r.ServiceName, r.ServiceCode, r.Description, r.AgencyResponsible, "",
            Text(r.RequestedAt), Text(r.UpdatedAt), r.ExpectedAt is { } expected ? Text(expected) : null, r.Address, null, null,
            r.Lat, r.Long, r.MediaUrl)));

    public static IResult Created(string ticketId, string notice, string format) =>
        List(format, "service_requests", "request", [new Open311Receipt(ticketId, notice, null)]);

    /// <summary>An error in the spec's shape: <c>[{code, description}]</c> or <c>&lt;errors&gt;&lt;error&gt;</c>, with the HTTP status as the code.</summary>
    public static IResult Error(int status, string description, string format) =>
        List(format == Xml ? Xml : Json, "errors", "error", [new Open311Error(status, description)], status);

    /// <summary>
    /// JSON is the records as they are; XML has one element per record and one child per field, in the same order and
    /// under the same names, so the two formats cannot drift apart.
    /// </summary>
    private static IResult List<T>(string format, string root, string item, IEnumerable<T> items, int status = 200)
    {
        if (format == Json)
        {
            return Results.Json(items.ToList(), statusCode: status);
        }

        return XmlResult(new XElement(root, items.Select(record => new XElement(item,
            JsonSerializer.SerializeToElement(record).EnumerateObject().Select(f => new XElement(f.Name, f.Value.ValueKind switch
            {
                JsonValueKind.Null => "",
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => f.Value.GetRawText(),
                // Rows kept before intake cleaned text must not break the listing either.
                _ => ExternalText.Clean(f.Value.GetString() ?? ""),
            }))))), status);
    }

    private static string Text(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static IResult XmlResult(XElement root, int status) =>
        Results.Text(new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + root.ToString(SaveOptions.DisableFormatting),
            "text/xml", Encoding.UTF8, status);
}
