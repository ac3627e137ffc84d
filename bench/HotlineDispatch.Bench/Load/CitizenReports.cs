using HotlineDispatch.Routing;

namespace HotlineDispatch.Bench.Load;

/// <summary>One report as a resident makes it, with the department a dispatcher would send it to.</summary>
public sealed record CitizenReport(
    string Marker, string Channel, string Name, string Phone, string Address, string GridCell, string Content, string Type, string Lead);

/// <summary>
/// Realistic reports of an ordinary day, and the bursts of a storm: many near-identical reports of
/// one incident from one grid cell. Every content starts with a marker unique to the run and the
/// report, so a check can tell each ticket's origin (and spot a ticket created twice).
/// </summary>
public sealed class CitizenReports(string runTag)
{
    private static readonly (string Content, string Type, string Lead)[] Everyday =
    [
        ("小区门口的路灯坏了一个多星期，晚上出入很不方便，前天还有老人在那里摔了一跤，请尽快派人维修。", "complaint", "CGJ"),
        ("隔壁工地每天晚上十一点以后还在打桩，声音特别大，孩子没法睡觉，请相关部门查一下有没有夜间施工许可。", "complaint", "ZJJ"),
        ("人民路公交站的候车亭顶棚破了个大洞，下雨天大家都没地方躲雨，希望尽快修好。", "suggestion", "JTJ"),
        ("中山路和解放路路口的红绿灯一直闪黄灯，早高峰车辆乱成一团，非常危险。", "report", "JJ"),
        ("楼下烧烤店的油烟直接往居民楼里排，整栋楼都是油烟味，窗户都不敢开，已经持续好几个月了。", "complaint", "STHJJ"),
        ("在超市买的牛奶还没过保质期就已经变质了，找商家退货被拒绝，想投诉这家超市。", "complaint", "SCJGJ"),
        ("我母亲今年退休，想咨询一下养老金的领取资格认证要去哪里办理，需要带什么材料。", "consultation", "RSJ"),
        ("小区里的雨水井堵住了，一下雨就冒水，单元门口积水很深，老人孩子出门都很困难。", "help", "SWJ"),
        ("我们这栋楼从昨天下午开始停电，到现在还没有来电，冰箱里的东西都坏了，也没有接到任何通知。", "help", "GDGS"),
        ("楼道里闻到很明显的煤气味，不知道是哪一家漏气，请燃气公司赶紧派人来看看。", "help", "RQGS"),
        ("公园里的几棵大树被台风刮歪了，树枝压在人行道上，路人只能绕到马路上走。", "report", "YLJ"),
        ("小区消防通道长期被私家车占用，物业也不管，万一着火消防车根本进不来。", "report", "XFJY"),
    ];

    /// <summary>
    /// The everyday kinds no danger pattern flags as urgent. The router's classifier may still find one urgent (it does
    /// the traffic light, 非常危险), and that ticket then runs the urgent limits.
    /// </summary>
    private static readonly (string Content, string Type, string Lead)[] Calm = [.. Everyday.Where(kind => UrgencyDetector.Detect(kind.Content) is null)];

    private static readonly string[] Streets = ["春晖路", "江滨路", "人民路", "解放路", "中山路", "新华街", "建设路", "文化路", "胜利街", "和平路"];
    private static readonly string[] Surnames = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"];
    private static readonly string[] Channels = ["call", "call", "call", "wechat", "sms", "web"];

    /// <summary>The one incident a storm burst reports, again and again, from one cell.</summary>
    private static readonly string[] FloodWordings =
    [
        "{0}和{1}路口积水已经没过膝盖，好几辆车熄火了，请赶紧派人排水。",
        "{0}靠近{1}的路口水太深了，车都开不过去，有人被困在车里，快来人处理。",
        "{0}{1}路口那边淹了，水快到腰了，下水道好像堵死了。",
        "我在{0}和{1}交叉口，积水特别严重，公交车都停运了，什么时候能排掉？",
    ];

    /// <summary>The grid cells an ordinary day is spread over at a time.</summary>
    public const int OrdinaryCells = 400;

    /// <summary>
    /// Reports a cell takes on an ordinary day: each kind of problem twice. Fewer than the dispatcher's
    /// default surge (five alike reports within an hour) even for the two kinds that read alike
    /// because of the marker every report carries (the street lamp and the drain, Dice 0.27 ≥ 0.25).
    /// </summary>
    private const int ReportsPerCell = 2 * 12;

    /// <summary>
    /// The <paramref name="seq"/>-th report of an ordinary day: <see cref="OrdinaryCells"/> cells at a
    /// time, each taking <see cref="ReportsPerCell"/> reports before the next cells take over. A bench
    /// run compresses days into minutes, all inside one surge window, so with a fixed 400 cells every
    /// cell had five alike reports from the 9,601st ticket on: the dispatcher rightly took that for
    /// surges, and a third of the tickets of a 26,000-ticket intake run paid for joining an incident.
    /// </summary>
    public CitizenReport Ordinary(int seq) => OrdinaryOf(seq, Everyday);

    /// <summary>As <see cref="Ordinary"/>, of the kinds that name no hazard.</summary>
    public CitizenReport Calmly(int seq) => OrdinaryOf(seq, Calm);

    /// <summary>
    /// The <paramref name="seq"/>-th report of a day crowded into <paramref name="cells"/> grid cells,
    /// however many reports each then takes. Each cell goes through every kind of problem before it
    /// repeats one: picking the kind by <c>seq</c> alone sent each cell the same three texts over and over.
    /// </summary>
    public CitizenReport InCells(int seq, int cells) => InCell(seq, seq % cells, Everyday[seq / cells % Everyday.Length]);

    private CitizenReport OrdinaryOf(int seq, (string Content, string Type, string Lead)[] kinds)
    {
        var (block, inBlock) = Math.DivRem(seq, OrdinaryCells * ReportsPerCell);
        var (round, cellInBlock) = Math.DivRem(inBlock, OrdinaryCells);
        return InCell(seq, block * OrdinaryCells + cellInBlock, kinds[round % kinds.Length]);
    }

    private CitizenReport InCell(int seq, int cell, (string Content, string Type, string Lead) kind)
    {
        var (content, type, lead) = kind;
        var street = Streets[seq / Everyday.Length % Streets.Length];
        return Report(seq, Channels[seq % Channels.Length], $"{street}{seq % 200 + 1}号", $"G-{cell + 1}", content, type, lead);
    }

    /// <summary>A report of burst <paramref name="burst"/>: one flooded crossing in one cell, worded a little differently each time.</summary>
    public CitizenReport Flood(int seq, int burst)
    {
        var street = Streets[burst % Streets.Length];
        var cross = Streets[(burst + 3) % Streets.Length];
        var content = string.Format(FloodWordings[seq % FloodWordings.Length], street, cross);
        return Report(seq, Channels[seq % Channels.Length], $"{street}与{cross}交叉口", $"G-{burst * 37 % OrdinaryCells + 1}", content, "help", "SWJ");
    }

    /// <summary>The marker a ticket of this run carries for report <paramref name="seq"/>.</summary>
    public string MarkerOf(int seq) => $"[{runTag}-{seq}]";

    private CitizenReport Report(int seq, string channel, string address, string cell, string content, string type, string lead) =>
        new(MarkerOf(seq), channel, $"{Surnames[seq % Surnames.Length]}先生", $"138{seq % 100_000_000:D8}", address, cell,
            $"{MarkerOf(seq)} {content}", type, lead);
}
