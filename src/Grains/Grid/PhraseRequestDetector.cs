using HotlineDispatch.Routing;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Grid;

/// <summary>
/// A STAND-IN for the learned analyzer of the routing issue: fixed phrase lists that tell chat-group
/// requests from chatter and guess a department by keyword. It is registered only when no other
/// <see cref="IMessageAnalyzer"/> is, and is to be replaced by the learned one. Its confidences are
/// deliberately low: they are keyword counts, not calibrated probabilities.
/// </summary>
public sealed class PhraseRequestDetector : IMessageAnalyzer
{
    private const double MaxConfidence = 0.5;

    // Anything this short (letters and digits only) is an acknowledgement or a greeting: 收到, 好的谢谢, 晚安.
    private const int ChatterLength = 8;

    private const int LongQuestion = 15;

    private static readonly string[] Selling =
    [
        "出售", "转让", "原价转", "团购", "接龙", "回收", "价格公道", "下单", "送货上门", "上门服务", "本人专业", "领养", "拼车",
    ];

    private static readonly string[] Chatter =
    [
        "有没有人知道", "有没有人捡到", "有没有人要", "有没有人一起", "一起去", "谁家丢了", "捡到", "晒一下", "恭喜", "晚安",
        "早上好", "辛苦了", "发个红包",
    ];

    private static readonly string[] Asking =
    [
        "能不能", "能否", "可不可以", "麻烦", "请问", "问一下", "问下", "想问", "怎么办", "怎么填", "怎么补", "怎么回事", "什么时候",
        "要不要", "谁管", "管管", "管一下", "合理吗", "合规吗", "找谁", "去哪", "在哪", "哪里", "是不是", "能管吗", "查一下", "查查",
        "是自动", "要准备", "要办", "需要", "？", "?",
    ];

    private static readonly string[] Problems =
    [
        "坏", "漏", "堵", "臭", "味", "吵", "噪", "响", "危险", "吓", "没人", "不给", "不退", "偷", "停水", "停电", "没电", "没气",
        "打不着", "困人", "占道", "占了", "乱", "垃圾", "违", "投诉", "举报", "反映", "断了", "裂", "坑", "塌", "挡", "积水", "冒",
        "火花", "焦", "烟", "不亮", "差点", "摔", "滑倒", "半夜", "凌晨", "好几天", "三天", "一个月", "两个礼拜", "没通电", "堆",
        "睡不", "枯死", "没发", "辞退", "被裁", "破产", "没办", "私搭", "锁上", "不开门", "敷衍", "催", "松了", "不承认", "秤有问题",
        "不挪", "打起来", "血", "轰", "拆了", "没装", "晃", "蜇", "马蜂", "渗", "熏", "头晕", "挖了", "跑不出去", "过不去", "靠不了",
        "灰", "泥巴", "油烟", "排烟", "滴水", "没空", "不会弄", "没开火", "充不进去", "吵架", "挂在", "摆满", "扔一地", "占车位",
        "堵死", "晕倒", "一直",
    ];

    private static readonly string[] Places =
    [
        "栋", "单元", "门口", "路口", "路上", "小区", "楼道", "楼下", "楼上", "站台", "工地", "公交", "车道", "走廊", "天台", "外面", "隔壁",
    ];

    private static readonly string[] Urgent = ["煤气味", "燃气味", "漏气", "火花", "着火", "冒烟", "困人", "焦味", "晕倒", "打起来"];

    private static readonly string[] Complaining = ["投诉", "不给", "不退", "没人管", "不承认", "好几次", "还没"];

    private static readonly string[] Negative = ["臭", "吓", "烦", "危险", "差点", "生气", "没用", "不给", "太", "没人", "受不了"];

    private static readonly string[] Positive = ["谢谢", "辛苦", "好吃", "恭喜", "好听", "好消息", "点赞"];

    private static readonly (string Code, string[] Words)[] Departments =
    [
        ("RQGS", ["燃气", "煤气", "没气", "打不着火", "气充不进"]),
        ("GDGS", ["停电", "电表", "电线杆", "电力线", "供电", "充电桩", "来电", "跳闸"]),
        ("SCJGJ", ["电梯", "超市", "药店", "秤", "不给退", "不退", "虚假宣传", "过期", "卤菜", "食品", "办卡"]),
        ("XFJY", ["消防", "着火", "飞线", "充电", "马蜂", "煤炉", "堆了好多", "锁上"]),
        ("SWJ", ["停水", "下水", "水压", "积水", "化粪池", "自来水", "水龙头", "污水", "没水"]),
        ("JJ", ["红绿灯", "交警", "停车", "停满", "违停", "斑马线", "摩托车", "双黄线"]),
        ("JTJ", ["公交", "站牌", "站台", "路面", "坑", "改线", "巴士"]),
        ("GAJ", ["偷", "报警", "派出所", "打架", "打起来", "冒充", "户口", "喝醉", "巡逻"]),
        ("STHJJ", ["油烟", "排烟", "化学味", "噪音", "KTV", "冲床", "喷漆", "异味"]),
        ("YLJ", ["树", "绿化", "长椅", "公园", "修剪"]),
        ("ZJJ", ["物业", "工地", "施工", "维修基金", "漏水", "改造", "加装电梯", "渣土", "地下车库"]),
        ("CGJ", ["垃圾", "占道", "摊", "井盖", "路灯", "私搭", "报刊亭", "违建"]),
        ("MZJ", ["补贴", "津贴", "养老", "高龄", "残疾", "独居", "助餐", "老年食堂"]),
        ("YBJ", ["医保"]),
        ("WJW", ["疫苗", "卫生服务", "卫生站", "医生"]),
        ("JYJ", ["小学", "学校", "补习", "托管", "招生", "学区"]),
        ("RSJ", ["工资", "失业", "社保", "仲裁", "养老保险", "辞退", "被裁"]),
        ("SWJU", ["税"]),
        ("ZRZYJ", ["不动产证", "房产证", "土地证"]),
        ("XZSPJ", ["营业执照", "许可"]),
        ("JDB", ["调解", "协调", "楼上", "邻居", "居住证明", "门禁"]),
    ];

    public Task<MessageAnalysis> AnalyzeAsync(string text, TicketChannel channel, CancellationToken cancellationToken = default)
    {
        var problems = Count(text, Problems);
        var guesses = Departments
            .Select(d => (d.Code, Hits: Count(text, d.Words)))
            .Where(d => d.Hits > 0)
            .OrderByDescending(d => d.Hits)
            .ToList();
        var hits = guesses.Sum(g => g.Hits);
        var ranked = guesses.Select(g => new DepartmentGuess(g.Code, MaxConfidence * g.Hits / hits)).ToList();
        var negative = Count(text, Negative) > 0;
        var positive = Count(text, Positive) > 0;
        return Task.FromResult(new MessageAnalysis(
            IsRequest(text, problems),
            ranked.FirstOrDefault(),
            ranked.Skip(1).ToList(),
            Count(text, Complaining) > 0 ? TicketType.Complaint : problems == 0 && Count(text, Asking) > 0 ? TicketType.Consultation : TicketType.Help,
            Count(text, Urgent) > 0,
            (negative, positive) switch
            {
                (true, true) => "mixed",
                (true, false) => "negative",
                (false, true) => "positive",
                _ => "neutral",
            }));
    }

    private static bool IsRequest(string text, int problems)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('@') || trimmed.StartsWith('【') || Count(trimmed, Selling) > 0 || Count(trimmed, Chatter) > 0)
        {
            // Replies to someone, notices, adverts and neighbourly small talk.
            return false;
        }

        var letters = trimmed.Count(char.IsLetterOrDigit);
        if (letters <= ChatterLength)
        {
            return false;
        }

        var asking = Count(trimmed, Asking);
        return problems >= 2
            || (problems >= 1 && (asking >= 1 || Count(trimmed, Places) > 0))
            || (asking >= 1 && letters >= LongQuestion);
    }

    private static int Count(string text, string[] words) => words.Count(w => text.Contains(w, StringComparison.Ordinal));
}
