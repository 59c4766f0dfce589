// the project's own test ran, against the installed Spillover jars, and passed
def report = new File(basedir, 'target/surefire-reports/TEST-com.example.compose.ComposeSpillwayTest.xml')
assert report.isFile() : "the project's test did not run"
def text = report.text
assert text.contains('tests="1"') && text.contains('failures="0"') && text.contains('errors="0"')
