from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# Argus safety database (read-only replica)
ARGUS_DSN = "oracle+oracledb://pv_reader:QeOKQIdYyBY162lv1v@argus-rep.ostrander-pv.internal:1521/?service_name=ARGUSRO"

# Intake SFTP from the call centre vendor
SFTP_HOST = "sftp.medinfo-vendor.net"
SFTP_USER = "ostrander_pv"
SFTP_PASSWORD = "CFutfWbBW14TIGrqSyik"

# Box (source documents)
BOX_CLIENT_ID = "eh0dxb0mz0c8z4x18x7mxz6sl4l8l207"
BOX_CLIENT_SECRET = "qGKCR1Ozae7MNqRIkEAj8zecBccAmiaa"
BOX_JWT_PRIVATE_KEY = """-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEA2kZKLmHmBPt8vXJa3483UX8eKYpRRIJQrs7ZwhIm7njF6zIe
kCAyJB1dZUjeHTT/ypRdYjrvEWnV/K1ymGziTIlbmlazEwioYqTcrLLzw1aGepyE
xcbFJZs0SkCo/XQO3zbvVPKCGIPmWJnonj5uvZjqSBsPMstVEdcA+h7Q9XMrYULn
SiQapskvvyYjPhxxfZfp6w2M3DZmiHP+1D1Mw2enZRsysrLWmn57weBr7tAae9Sf
C1myaPTp5+ugRgQEBYTDbyfH/m2bbnQIkRs7eRSU5R6EgupFbzToCLCVWvbFaPKm
/Zpy5i0JFwJp+gZ9CauHBauAPVrnR8mIy0qHfwIDAQABAoIBAAW3hpTdao1h2twJ
ZTjqwtunFS6oWUWOljdl4o0zNYLUdfaZivRia33HqR0QggTI0RRIu4NpoL5Xg8vI
7THx1CGGDXim4azTcrmWsNLzIvBQUVhfxhh6Asrf3Eg/lk2BHyyYfz891Mt4lO1o
JpASeYsMuMInt0ewzKsZcwSaDwYGsE84IGLTsxydmYAXyX4+LeyoOOJLigSIqJyE
K0b6HmROJV7Bj20o0q/0FEsKyPep5HBSyJlNfq9JUKgjav+LOJt6zh/aIlCYdMKX
KcaJGx2cHwA3UFCsNjmIha0toxYkBxOyZ5/anW+kV2Vy8yYsz/I+NwqR12hhagHp
aVVqyDUCgYEA8I/iXVWDxa4VeH0dIlgdzxOyOgW4ffY3vBQnX3We2nOA43DUto+Q
vZDaOpPSrpOvZe7IOAEMZh/hmf2VpOOhETLay6q9uw/OXYvAGGB7BQpP+ZPUtjnw
LfGbBo6+PQUYGOuye/914X1y/6RoSajFN1s5WH+QZwEw/5i2p5BoKJUCgYEA6EhA
dTthem7wZhjBQQZCBWSUspPptG8HXnDm3WPtzxbGYDGVISDu9yQ5NZp3oM2dOPSr
BnVyECPKUPdf4SQpgb6LAXAcePNHkYvqGKbpfiMeTF8voIA6wnGiDV5PEjKn1QWk
feBag4Asy4LOiNiuM412PZ6CAk8OetZPUdtXpsMCgYB/KG9NSrCWw4hR4kCOMOnA
1fZ1uSRmYMnhPv349aF8c2WD09Z8kbK+oVzZbd4FrccfKHLpN5SoPt3vmh2JxVEU
WD9TPPOBd79rrz1hJU6hwWu4zy23DTUp8/YwJy/j7VdphN0ZslVLVhZ9jxgZJ37n
3e6YGwXnjLerw7t5I1oLaQKBgQC7BnHf8o/qJKkri4MO+BrwfKu9nZruzPcB86Xv
XCZ+N7hCe6m3ouzF0US/BECOGQAee+G4sZfFpwufZY6tmJBTBzilT7+dI0Tcy+sR
LlOSXHRoybtvX8/v/86bNPQ1ktPPkVuAfsRiXTG0Kv5g8RZSK/SoaJgFg+IExcnX
/uP0QQKBgQCGFBAzPOsv/3XEVj1SKGu57G+fA0bD498EYK4sqEseLia1vvmE00O4
QDK2ddczFzaNmAlDPx19T97RXWyHpo/DXQ1mdVRHH9e4lT9h0F1WLMZtApQFOu3Y
CakAAGkmsvo0ROtObmgUJCoPwStvpKB/nv/x57Rm8C7cCYcPmSUxBg==
-----END RSA PRIVATE KEY-----
"""

MEDDRA_VERSION = "27.0"
CIOMS_TEMPLATE = BASE_DIR / "templates" / "cioms_i.docx"
