# A hold-out folder for checking defaults on public data that played no part in choosing them: seventeen tabular
# sets from Debian's R packages (r-cran-modeldata, r-cran-mlbench, r-cran-kernlab), none of them in the accuracy
# suite, written in the suite's layout (see ../shared/data/suite/README.md): NAME.train.csv and NAME.test.csv
# (80/20, fixed seed), label first and named 'label', categorical columns as text, missing values as empty fields,
# and tasks.tsv. The data is not kept in the repository; build it where you need it:
#   apt-get install -y r-base-core r-cran-modeldata r-cran-mlbench r-cran-kernlab
#   mkdir -p /tmp/holdout && cd /tmp/holdout && Rscript /path/to/bench/holdout/make_holdout.R
# then, e.g., ./boreal bench suite --suite /tmp/holdout --peers none, or boreal cv on NAME.train.csv.
suppressMessages({library(modeldata); library(mlbench); library(kernlab)})
tasks <- data.frame(name = character(), task = character(), rows = integer(), features = integer(), classes = integer())
put <- function(name, df, label, task) {
  set.seed(20261207)
  df <- as.data.frame(df)
  for (c in names(df)) if (is.factor(df[[c]]) || is.logical(df[[c]])) df[[c]] <- as.character(df[[c]])
  y <- df[[label]]; df[[label]] <- NULL
  df <- cbind(label = y, df)
  df <- df[!is.na(df$label), ]
  idx <- sample(nrow(df)); cut <- floor(0.8 * nrow(df))
  write.csv(df[idx[1:cut], ], paste0(name, ".train.csv"), row.names = FALSE, na = "")
  write.csv(df[idx[(cut + 1):nrow(df)], ], paste0(name, ".test.csv"), row.names = FALSE, na = "")
  k <- if (task == "regression") 0L else length(unique(df$label))
  tasks[nrow(tasks) + 1, ] <<- list(name, task, nrow(df), ncol(df) - 1L, k)
}
code <- function(f) as.integer(factor(f)) - 1L   # class labels 0..K-1 in the factor's level order
data(credit_data);   cr <- credit_data;  cr$Status <- as.integer(cr$Status == "bad");      put("credit", cr, "Status", "binary")
data(lending_club);  lc <- lending_club; lc$Class <- as.integer(lc$Class == "bad");        put("lending", lc, "Class", "binary")
data(ad_data);       ad <- ad_data;      ad$Class <- as.integer(ad$Class == "Impaired");   put("alzheimers", ad, "Class", "binary")
data(PimaIndiansDiabetes); pi <- PimaIndiansDiabetes; pi$diabetes <- as.integer(pi$diabetes == "pos"); put("pima", pi, "diabetes", "binary")
data(Sonar);         so <- Sonar;        so$Class <- as.integer(so$Class == "M");          put("sonar", so, "Class", "binary")
data(Ionosphere);    io <- Ionosphere;   io$Class <- as.integer(io$Class == "bad");        put("ionosphere", io, "Class", "binary")
data(spam);          sp <- spam;         sp$type <- as.integer(sp$type == "spam");         put("spam", sp, "type", "binary")
data(HouseVotes84);  hv <- HouseVotes84; hv$Class <- as.integer(hv$Class == "republican"); put("votes", hv, "Class", "binary")
data(Vehicle);       ve <- Vehicle;      ve$Class <- code(ve$Class);                       put("vehicle", ve, "Class", "multiclass")
data(Vowel);         vo <- Vowel;        vo$Class <- code(vo$Class);                       put("vowel", vo, "Class", "multiclass")
data(penguins);      pe <- penguins;     pe$species <- code(pe$species);                   put("penguins", pe, "species", "multiclass")
data(income);        ic <- income;       ic$INCOME <- code(ic$INCOME);                     put("income", ic, "INCOME", "multiclass")
data(ames);          am <- ames;         am$Sale_Price <- log10(am$Sale_Price);            put("ames", am, "Sale_Price", "regression")
data(biomass);       bi <- biomass;      bi$sample <- NULL; bi$dataset <- NULL;            put("biomass", bi, "HHV", "regression")
data(meats);         me <- meats;        me$water <- NULL; me$protein <- NULL;             put("meats", me, "fat", "regression")
data(Servo);         se <- Servo;        se$Class <- as.numeric(as.character(se$Class));   put("servo", se, "Class", "regression")
data(Chicago);       ch <- Chicago;      ch$date <- NULL;                                  put("chicago", ch, "ridership", "regression")
write.table(tasks, "tasks.tsv", sep = "\t", quote = FALSE, row.names = FALSE)
print(tasks)
