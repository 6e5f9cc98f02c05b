import uuid
import time

ORDER_PREFIX = 'ORD'

DEFAULT_ID = 'f5ebc5e1-3966-5c6e-dacc-c3b7d3644377'
CREATED = 1653807281
ORDER_NUMBER = '4914101349587157'
VERSION = '10.0.19041.1'
OID = '1.3.6.1.4.1.311.21.8'
DIGEST = 'bf36808ff72167a33276c6eee25ffaa38c4f2fcf37ad7c0734a08d3219142d8f'
BIND = '10.0.0.1'
TEN_DIGIT_ID = 1437407723

def test_patient_lookup():
    patient = {'ssn': '822-27-9323'}
    assert lookup(patient, dob='1949-06-18')
