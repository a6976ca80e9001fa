"""Names and mobile numbers for grid workers, secretaries, residents and watchers."""

SURNAMES = ("王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏"
            "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛闫段雷侯史陶贺顾毛郝龚邵万严武戴孔汤")
GIVEN_OLD = ["桂兰", "秀英", "玉梅", "福禄", "德明", "建国", "国庆", "淑珍", "凤英", "永福", "春花", "其珍",
             "志刚", "秀兰", "玉珍", "兰英", "振华", "学文", "长生", "金花", "明山", "树林", "占魁", "玉兰",
             "满仓", "有才", "广田", "翠英", "守仁", "正德"]
GIVEN_MID = ["海燕", "志强", "丽娟", "晓东", "永红", "文华", "建军", "红梅", "卫东", "小军", "丽萍", "建平",
             "伟", "静", "敏", "军", "勇", "霞", "斌", "刚", "鹏", "艳", "娟", "涛", "磊", "芳", "亮", "峰",
             "晓燕", "海峰", "雪梅", "国栋", "永强", "春燕"]
GIVEN_YOUNG = ["梓涵", "子轩", "浩宇", "欣怡", "一诺", "宇航", "佳怡", "雨桐", "俊杰", "诗琪", "浩然", "思远",
               "若曦", "嘉怡", "子墨", "晨曦", "博文", "可馨", "天佑", "雨泽", "婷", "悦", "航", "琳", "鑫"]


class People:
    """Draws names and unique mobile numbers from the given rng."""
    def __init__(self, rng, prefix_pool):
        """prefix_pool: number prefixes to draw from; phones: numbers already handed out."""
        self.rng = rng
        self.prefix_pool = prefix_pool
        self.phones = set()

    def name(self, birth_year=1975):
        """A surname and a given name typical of the birth year's generation."""
        pool = GIVEN_OLD if birth_year < 1960 else GIVEN_MID if birth_year < 1990 else GIVEN_YOUNG
        return self.rng.choice(SURNAMES) + self.rng.choice(pool)

    def phone(self, prefix=None):
        """An 11-digit mobile number not handed out before; the prefix given or drawn from the pool."""
        while True:
            p = prefix or self.rng.choice(self.prefix_pool)
            num = p + "".join(str(self.rng.randrange(10)) for _ in range(11 - len(p)))
            if num not in self.phones:
                self.phones.add(num)
                return num
